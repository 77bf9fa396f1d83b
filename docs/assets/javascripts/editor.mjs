// The code editor of a runnable block: CodeJar (a small contenteditable editor) with Prism highlighting,
// loaded on demand from the vendored npm packages.

let modules = null;

function load(root) {
  if (!modules) {
    modules = (async () => {
      // Prism highlights every code block on the page by itself unless told otherwise.
      window.Prism = window.Prism || {};
      window.Prism.manual = true;
      const asset = (file) => new URL(`assets/vendor/editor/${file}`, root).href;
      await import(asset("prism-core.min.js"));
      await Promise.all([import(asset("prism-sql.min.js")), import(asset("prism-python.min.js"))]);
      const { CodeJar } = await import(asset("codejar.js"));
      return { CodeJar, Prism: window.Prism };
    })();
  }
  return modules;
}

/**
 * Turn a <code> element into an editor. Resolves with {getCode, setCode}.
 * @param {HTMLElement} code  the <code> element holding the highlighted snippet
 * @param {"sql"|"python"} lang
 */
export async function attachEditor(code, lang, root) {
  const { CodeJar, Prism } = await load(root);
  const grammar = Prism.languages[lang];
  const highlight = (element) => {
    // Prism.highlight escapes the text before adding its token spans.
    element.innerHTML = Prism.highlight(element.textContent, grammar, lang);
  };
  code.setAttribute("spellcheck", "false");
  code.setAttribute("aria-label", `${lang === "sql" ? "SQL" : "Python"} code editor`);
  const jar = CodeJar(code, highlight, { tab: "    ", addClosing: false });
  return {
    getCode: () => jar.toString(),
    setCode: (text) => jar.updateCode(text),
  };
}
