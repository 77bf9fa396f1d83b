// Interactive simulator diagrams (the `sim` fence; syslab/site/simblock.py renders them). The model runs in the
// page's Python worker through syslab.sim.session.handle, the same code CI runs; this module only sends requests
// and draws the SVG pictures it gets back, after sanitizing them against a fixed allowlist.
//
// DOM contract (tests rely on it): the figure has data-sim, an id, data-sim-model and data-sim-state
// (recorded | loading | busy | ready | playing | error); data-sim-time holds the virtual time shown; buttons carry
// data-sim-action (play, step, reset, crash, restart, restart-empty, partition, heal, client); node chips carry
// data-sim-node and aria-pressed; views are [data-sim-view=cluster|sequence|timeline], whose node groups carry
// data-node and data-role; the "Hide heartbeats" checkbox (models with routine messages) is data-sim-hide-routine.

import { prefetchAllowed, runtimes, settings } from "./runtimes.mjs";

const MODULE = "syslab.sim.session";
const SVG_NS = "http://www.w3.org/2000/svg";
const ELEMENTS = new Set(["svg", "g", "rect", "circle", "line", "path", "polygon", "text", "title"]);
const ATTRIBUTES = new Set([
  "viewBox", "width", "height", "class", "role", "aria-label", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
  "d", "points", "text-anchor", "data-node", "data-role",
]);
const SAFE_VALUE = /^[\w\s.,:;#%()+\-−→…|{}[\]"'=*/?!@&<>^~·]*$/u;

/**
 * Parse SVG text and rebuild it from allowed elements and attributes only: no scripts, no event handlers, no
 * links, no styles, no foreign content. Text is copied as text nodes. Returns an SVG element, or null.
 */
export function sanitizeSvg(text) {
  const parsed = new DOMParser().parseFromString(String(text), "image/svg+xml");
  const root = parsed.documentElement;
  if (!root || root.localName !== "svg" || root.namespaceURI !== SVG_NS) return null;
  return copyAllowed(root);
}

function copyAllowed(source) {
  const target = document.createElementNS(SVG_NS, source.localName);
  for (const attr of source.attributes) {
    const name = attr.name;
    if (!ATTRIBUTES.has(name)) continue;
    if (!SAFE_VALUE.test(attr.value) || /url\s*\(|javascript:/i.test(attr.value)) continue;
    target.setAttribute(name, attr.value);
  }
  for (const child of source.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      target.appendChild(document.createTextNode(child.data));
    } else if (child.nodeType === Node.ELEMENT_NODE && child.namespaceURI === SVG_NS && ELEMENTS.has(child.localName)) {
      target.appendChild(copyAllowed(child));
    }
  }
  return target;
}

function button(action, label, title) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "sl-run__btn";
  element.dataset.simAction = action;
  element.textContent = label;
  if (title) element.title = title;
  return element;
}

class Diagram {
  constructor(root) {
    this.root = root;
    this.scenario = JSON.parse(root.querySelector("[data-sim-scenario]").textContent);
    this.selected = new Set();
    this.frame = null;
    this.opening = null;
    this.playing = false;
    this.pending = false;
    this.lastTick = 0;
    this.seekTimer = 0;
    this.status = root.querySelector("[data-sim-status]");
    this.slider = root.querySelector("[data-sim-slider]");
    this.clock = root.querySelector("[data-sim-time]");
    this.speed = root.querySelector("[data-sim-speed]");
    this.nodesBox = root.querySelector("[data-sim-nodes]");
    this.clientBox = root.querySelector("[data-sim-client]");
    const names = [...root.querySelectorAll("[data-sim-view=cluster] [data-node]")].map((g) => g.dataset.node);
    this.drawChips(names.map((name) => ({ name, up: true })));
    root.addEventListener("click", (event) => this.onClick(event));
    root.querySelector("[data-sim-hide-routine]")?.addEventListener("change", (event) => this.onHide(event.target));
    this.slider.addEventListener("input", () => this.onSlide());
    this.slider.max = String(this.scenario.until ?? 1000);
    this.slider.value = this.slider.max;
    this.clock.textContent = `${this.slider.value} ms`;
    root.dataset.simTime = this.slider.value;
    for (const box of root.querySelectorAll("[data-sim-controls], [data-sim-faults]")) box.hidden = false;
  }

  setState(state) {
    this.root.dataset.simState = state;
  }

  say(text) {
    this.status.textContent = text;
  }

  /** Open the scenario in the Python worker (once); resolves when the first live frame is drawn. */
  open() {
    if (!this.opening) {
      this.setState("loading");
      if (!runtimes.python.started) this.say("Starting Python (a few seconds, once per visit)…");
      this.opening = this.send({ op: "open", scenario: this.scenario }).then((frame) => {
        if (!frame) this.opening = null;
        return frame;
      });
    }
    return this.opening;
  }

  /** Send one request; draw the frame it returns. Returns the frame, or null after an error (shown as text). */
  async send(request) {
    const timeoutMs = settings.timeoutS * 1000;
    let timer = 0;
    let timedOut = false;
    if (!this.playing && request.op !== "open") this.setState("busy");
    try {
      // The watchdog times the model, not Python's start-up (which the first request may wait for).
      await runtimes.python.prepare();
      const call = runtimes.python.call(MODULE, "handle", [{ ...request, id: this.root.id }]);
      const watchdog = new Promise((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new Error(`no answer within ${settings.timeoutS} s, so Python was stopped`));
        }, timeoutMs);
      });
      const frame = await Promise.race([call, watchdog]);
      if (frame.error) throw new Error(frame.error);
      this.draw(frame);
      if (!this.playing) this.setState("ready");
      return frame;
    } catch (error) {
      if (timedOut) runtimes.python.stop("watchdog");
      this.pause();
      this.setState("error");
      this.say(`Error: ${error.message}`);
      if (request.op !== "open") this.opening = null; // a stopped worker forgets its sessions: reopen next time
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  draw(frame) {
    this.frame = frame;
    for (const name of ["cluster", "sequence", "timeline"]) {
      const view = this.root.querySelector(`[data-sim-view=${name}]`);
      const svg = sanitizeSvg(frame[name]);
      if (view && svg) view.replaceChildren(svg);
    }
    const violation = frame.violation ? ` · VIOLATED ${frame.violation.prop}: ${frame.violation.detail}` : "";
    this.say(frame.summary + violation);
    this.root.classList.toggle("sl-sim--violated", Boolean(frame.violation));
    this.slider.max = String(Math.max(frame.horizon, 1));
    this.slider.value = String(frame.time);
    this.clock.textContent = `${frame.time} ms`;
    this.root.dataset.simTime = String(frame.time);
    this.drawChips(frame.nodes);
    this.clientBox.replaceChildren(
      ...frame.actions.map((action) => {
        const element = button("client", action.label, "");
        element.dataset.simClient = JSON.stringify(action);
        return element;
      }),
    );
    const recent = this.root.querySelector("[data-sim-recent]");
    recent.replaceChildren(
      ...frame.recent.map((line) => {
        const item = document.createElement("li");
        item.textContent = line;
        return item;
      }),
    );
  }

  drawChips(nodes) {
    this.nodesBox.replaceChildren(
      ...nodes.map((node) => {
        const chip = button("select", node.name, `Select ${node.name}${node.up ? "" : " (down)"}`);
        chip.dataset.simNode = node.name;
        chip.classList.add("sl-sim__chip");
        if (!node.up) chip.classList.add("sl-sim__chip--down");
        chip.setAttribute("aria-pressed", String(this.selected.has(node.name)));
        return chip;
      }),
    );
  }

  async onClick(event) {
    const target = event.target.closest("[data-sim-action]");
    if (!target || !this.root.contains(target)) return;
    const action = target.dataset.simAction;
    if (action === "select") {
      const name = target.dataset.simNode;
      if (this.selected.has(name)) this.selected.delete(name);
      else this.selected.add(name);
      target.setAttribute("aria-pressed", String(this.selected.has(name)));
      return;
    }
    if (!(await this.open())) return;
    if (action === "play") {
      if (this.playing) this.pause();
      else this.play();
    } else if (action === "step") {
      this.pause();
      await this.send({ op: "step" });
    } else if (action === "reset") {
      this.pause();
      this.selected.clear();
      await this.send({ op: "reset" });
    } else if (action === "heal") {
      await this.act({ kind: "heal", args: {} });
    } else if (action === "partition") {
      const names = [...this.selected].sort();
      if (!names.length) return this.say("Select the nodes to cut off first (click their names).");
      await this.act({ kind: "partition", args: { groups: [names] } });
    } else if (action === "crash" || action === "restart" || action === "restart-empty") {
      const names = [...this.selected].sort();
      const verb = action === "crash" ? "crash" : "restart";
      if (!names.length) return this.say(`Select the nodes to ${verb} first (click their names).`);
      const durable = action !== "restart-empty";
      for (const node of names) await this.act({ kind: verb, args: verb === "restart" ? { node, durable } : { node } });
    } else if (action === "client") {
      const { kind, args } = JSON.parse(target.dataset.simClient);
      await this.act({ kind, args });
    }
  }

  async onHide(box) {
    if (await this.open()) await this.send({ op: "view", hide_routine: box.checked });
  }

  act(action) {
    return this.send({ op: "act", action });
  }

  onSlide() {
    this.pause();
    clearTimeout(this.seekTimer);
    const to = Number(this.slider.value);
    this.clock.textContent = `${to} ms`;
    this.seekTimer = setTimeout(async () => {
      if (await this.open()) await this.send({ op: "advance", to });
    }, 60);
  }

  play() {
    this.playing = true;
    this.setState("playing");
    this.root.querySelector("[data-sim-action=play]").textContent = "Pause";
    this.lastTick = performance.now();
    requestAnimationFrame((now) => this.tick(now));
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    this.root.querySelector("[data-sim-action=play]").textContent = "Play";
    if (this.root.dataset.simState === "playing") this.setState("ready");
  }

  async tick(now) {
    if (!this.playing || !this.root.isConnected) return this.pause();
    if (!this.pending && this.frame) {
      const elapsed = now - this.lastTick;
      const advance = Math.max(1, Math.round(elapsed * Number(this.speed.value)));
      this.lastTick = now;
      this.pending = true;
      await this.send({ op: "advance", to: this.frame.time + advance });
      this.pending = false;
      if (this.frame && this.frame.time >= this.frame.max_time) this.pause();
    }
    if (this.playing) requestAnimationFrame((next) => this.tick(next));
  }
}

function init() {
  const roots = [...document.querySelectorAll("[data-sim]")].filter((root) => !root.dataset.simReady);
  for (const root of roots) {
    root.dataset.simReady = "true";
    new Diagram(root);
  }
  // Start Python while the reader looks at the recorded picture, so the first click answers at once.
  if (roots.length && prefetchAllowed()) {
    const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 200));
    idle(() => runtimes.python.warm().catch(() => {}));
  }
}

if (window.document$) window.document$.subscribe(init);
else init();
