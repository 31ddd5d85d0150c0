// The code editor of exercise pages: CodeMirror 6 over a <textarea>, which stays the form field.
// Without JavaScript the textarea itself is the editor; with it, learners get Python highlighting,
// line numbers, undo history and indentation. Always left-to-right, whatever the page direction.
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { indentOnInput, indentUnit, bracketMatching, syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { python } from "@codemirror/lang-python";

// Line numbers are placed from measured line heights; an editor created off screen (below the statement on
// a phone) keeps estimated heights, and its numbers drift from the code lines until something makes it
// measure (a focus). Measure again once the page and its fonts are loaded, and whenever it comes into view.
function measureWhenShown(view) {
  const measure = () => view.requestMeasure();
  window.addEventListener("load", measure);
  if (document.fonts) document.fonts.ready.then(measure);
  if ("IntersectionObserver" in window) {
    new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) measure();
    }).observe(view.dom);
  }
}

function attach(textarea) {
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        python(),
        EditorState.tabSize.of(4),
        indentUnit.of("    "), // PEP 8: four spaces, as the courses teach
        // Tab indents; Escape then Tab leaves the editor (CodeMirror's documented escape hatch).
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        // The editor rewrites its own class list: a class added from outside would be lost on focus.
        EditorView.editorAttributes.of({ class: "cm-maharat" }),
        EditorView.contentAttributes.of({
          dir: "ltr",
          "aria-label": label ? label.textContent.trim() : "Python",
          "aria-describedby": textarea.getAttribute("aria-describedby") || "",
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) textarea.value = update.state.doc.toString();
        }),
      ],
    }),
  });
  view.dom.setAttribute("dir", "ltr");
  measureWhenShown(view);
  textarea.insertAdjacentElement("afterend", view.dom);
  textarea.hidden = true;
  // "Reset" and other scripts change the textarea: mirror that into the editor.
  textarea.addEventListener("input", () => {
    if (textarea.value !== view.state.doc.toString()) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: textarea.value } });
    }
  });
  return view;
}

window.MaharatEditor = { attach };
document.querySelectorAll("textarea.code-editor").forEach(attach);
