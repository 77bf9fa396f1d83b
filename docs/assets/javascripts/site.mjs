// The only script every page loads: it imports the feature modules a page actually uses, so a plain page costs
// nothing and a lesson does not download the practice pages' code. Each feature module initialises itself and
// follows Material's instant navigation through `document$` (which replays the current page to new subscribers).

const FEATURES = [
  [".sl-run", "./runnable.mjs"],
  ["[data-playground]", "./playground.mjs"],
  ["[data-sim]", "./sim.mjs"],
  [".sl-question, .sl-bank, [data-status-for]", "./questions.mjs"],
  ["[data-sl-practice], #sl-progress-dashboard, #sl-review-queue, #sl-mock-interview", "./practice.mjs"],
];

const loaded = new Set();

function loadFeatures() {
  for (const [selector, module] of FEATURES) {
    if (!loaded.has(module) && document.querySelector(selector)) {
      loaded.add(module);
      import(module).catch((error) => {
        loaded.delete(module);
        console.error(`syslab: ${module} failed to load`, error);
      });
    }
  }
}

if (window.document$) window.document$.subscribe(loadFeatures);
else loadFeatures();
