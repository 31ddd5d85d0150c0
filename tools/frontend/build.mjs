// Bundle editor.js into ../../lms/static/vendor/codemirror-editor.js (run by build.sh through `npm run build`).
//
// One patch, because our Content-Security-Policy forbids inline styles (style-src 'self'): CodeMirror's
// style-mod writes its theme into a <style> element on documents, which the browser then refuses, so the
// editor loses `white-space: pre` (spaces typed as U+00A0, a misplaced caret). Constructed style sheets
// (document.adoptedStyleSheets, what style-mod already uses in shadow roots) are not inline styles; the
// patch makes it use them on documents too, and keeps the <style> fallback for browsers without them.
import { readFile } from "node:fs/promises";
import { build } from "esbuild";

const STYLE_MOD_TEST = "if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet) {";

const adoptedStyleSheets = {
  name: "style-mod-adopted-sheets",
  setup(b) {
    b.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes(STYLE_MOD_TEST)) {
        throw new Error("style-mod changed: review the CSP patch in build.mjs");
      }
      return { contents: source.replace(STYLE_MOD_TEST, "if (root.adoptedStyleSheets && win.CSSStyleSheet) {"), loader: "js" };
    });
  },
};

await build({
  entryPoints: ["editor.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2018",
  outfile: "../../lms/static/vendor/codemirror-editor.js",
  plugins: [adoptedStyleSheets],
  logLevel: "warning",
});
