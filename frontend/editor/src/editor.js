// Mockroom's answer editor: CodeMirror 6 with a small, fixed set of languages.
// The Rust/WASM frontend imports the bundled module (dist/editor.js) only in
// interview rooms, so none of this weight lands on other pages.
//
// Constraints this file is written for:
//  - it touches no globals (no window properties, no document-level styles);
//  - no eval or Function(), so it runs under `script-src 'self'`;
//  - it runs under `style-src 'self'`, which blocks <style> elements. CodeMirror
//    injects its CSS through style-mod, and style-mod uses a <style> element in
//    a Document (it only uses constructable stylesheets, which CSP does not
//    govern, when the root is a ShadowRoot). So each editor lives in an open
//    shadow root: CodeMirror sees a root without <head> and adopts a
//    constructed stylesheet instead.

import { EditorState, Compartment, Annotation } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine,
  highlightActiveLineGutter, drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  HighlightStyle, syntaxHighlighting, indentUnit, bracketMatching, StreamLanguage,
} from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

export const LANGUAGES = [
  { id: "plain", label: "Plain text" },
  { id: "javascript", label: "JavaScript" },
  { id: "typescript", label: "TypeScript" },
  { id: "python", label: "Python" },
  { id: "rust", label: "Rust" },
  { id: "go", label: "Go" },
  { id: "java", label: "Java" },
  { id: "cpp", label: "C / C++" },
  { id: "sql", label: "SQL" },
  { id: "yaml", label: "YAML" },
  { id: "shell", label: "Shell" },
];

// Each grammar is its own chunk (the bundle is built with esbuild's code
// splitting), fetched the first time a language is picked: the grammars
// together weigh three times the editor itself.
const languageSupport = {
  plain: async () => [],
  javascript: async () => (await import("@codemirror/lang-javascript")).javascript(),
  typescript: async () => (await import("@codemirror/lang-javascript")).javascript({ typescript: true }),
  python: async () => (await import("@codemirror/lang-python")).python(),
  rust: async () => (await import("@codemirror/lang-rust")).rust(),
  go: async () => (await import("@codemirror/lang-go")).go(),
  java: async () => (await import("@codemirror/lang-java")).java(),
  cpp: async () => (await import("@codemirror/lang-cpp")).cpp(),
  sql: async () => (await import("@codemirror/lang-sql")).sql(),
  yaml: async () => (await import("@codemirror/lang-yaml")).yaml(),
  shell: async () => StreamLanguage.define((await import("@codemirror/legacy-modes/mode/shell")).shell),
};

const languageFor = (id) => (languageSupport[id] || languageSupport.plain)();

// A darkened GitHub-light palette. Every colour has at least 4.5:1 contrast on
// white and on the active-line and gutter backgrounds below (the app's axe
// check fails on contrast violations); the lowest, #0b6e2f and #57606a, are
// 5.9:1 on the active line.
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword], color: "#7a1fa2" },
  { tag: [t.string, t.special(t.string), t.character, t.attributeValue], color: "#0b6e2f" },
  { tag: [t.regexp, t.escape], color: "#116329" },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: "#57606a", fontStyle: "italic" },
  { tag: [t.number, t.bool, t.null, t.atom, t.unit], color: "#a04100" },
  { tag: [t.typeName, t.className, t.namespace, t.standard(t.typeName), t.self], color: "#0550ae" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.macroName], color: "#6f42c1" },
  { tag: [t.definition(t.variableName), t.definition(t.propertyName), t.labelName], color: "#953800" },
  { tag: [t.propertyName, t.attributeName], color: "#0a3069" },
  { tag: [t.meta, t.annotation, t.processingInstruction, t.standard(t.variableName), t.special(t.variableName)], color: "#0550ae" },
  { tag: t.heading, color: "#0550ae", fontWeight: "bold" },
  { tag: t.invalid, color: "#a40e26" },
]);

// Colours are explicit (not inherited) so the contrast above holds even when
// the page around is in dark mode.
const theme = EditorView.theme({
  "&": {
    color: "#1f2328",
    backgroundColor: "#ffffff",
    border: "1px solid #8c959f",
    borderRadius: "6px",
  },
  "&.cm-focused": { outline: "2px solid #0969da", outlineOffset: "1px" },
  // Grows with its content up to 28em, then scrolls inside itself.
  ".cm-scroller": {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    lineHeight: "1.5",
    maxHeight: "28em",
    overflow: "auto",
    borderRadius: "6px",
  },
  // Min-height goes on the content and gutter (not the editor) so that a click
  // anywhere in the empty area still lands in the text.
  ".cm-content, .cm-gutter": { minHeight: "16em" },
  ".cm-gutters": { backgroundColor: "#f6f8fa", color: "#57606a", borderRight: "1px solid #d0d7de" },
  ".cm-activeLine": { backgroundColor: "#f3f6fa" },
  ".cm-activeLineGutter": { backgroundColor: "#e6ebf1", color: "#1f2328" },
  ".cm-cursor": { borderLeftColor: "#1f2328", borderLeftWidth: "2px" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-content ::selection": {
    backgroundColor: "#cfe3ff",
  },
}, { dark: false });

// Marks transactions made by setDoc, so the change listener can tell them
// apart from the user's edits.
const external = Annotation.define();

export function createEditor(parent, options = {}) {
  const { doc = "", language = "plain", readOnly = false, label = "Code", onChange } = options;
  const lang = new Compartment();

  // The shadow root is what makes CodeMirror's styles work under CSP (see the
  // top of this file). Inherited properties such as font-size and color still
  // cross the shadow boundary, so the editor follows the page's text size.
  const host = document.createElement("div");
  host.className = "code-editor";
  parent.appendChild(host);
  const root = host.attachShadow({ mode: "open" });

  // tabindex="0" in both modes: once the text outgrows max-height the
  // scroller is a scrollable region, and axe's scrollable-region-focusable rule
  // wants a keyboard-focusable element in it. A read-only editor is not
  // focusable at all without it, and axe does not count contenteditable as
  // focusable (it flagged the editable editor at 360 px wide).
  const content = { "aria-label": label, "aria-multiline": "true", tabindex: "0" };
  if (readOnly) content["aria-readonly"] = "true";

  const extensions = [
    lineNumbers(),
    drawSelection(),
    bracketMatching(),
    indentUnit.of("    "),
    EditorState.tabSize.of(4),
    EditorView.lineWrapping, // nothing scrolls sideways on a 360 px phone
    syntaxHighlighting(highlight),
    theme,
    EditorView.contentAttributes.of(content),
    lang.of([]), // the language arrives with its chunk, below
  ];
  if (readOnly) {
    extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
  } else {
    extensions.push(
      history(),
      highlightActiveLine(),
      highlightActiveLineGutter(),
      // Tab indents, as people expect in a code editor. This does not trap
      // keyboard users: CodeMirror's documented escape hatch is Escape then Tab
      // (or Shift-Tab), which moves focus out as usual; Ctrl-M (Shift-Alt-M on
      // macOS) toggles that "tab moves focus" mode for good.
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    );
  }
  if (onChange) {
    extensions.push(EditorView.updateListener.of((update) => {
      if (update.transactions.some((tr) => tr.docChanged && !tr.annotation(external))) {
        onChange(update.state.doc.toString());
      }
    }));
  }

  const view = new EditorView({
    state: EditorState.create({ doc, extensions }),
    parent: root,
    root,
  });

  // Languages load asynchronously; only the last one asked for is applied,
  // whatever order their chunks arrive in.
  let wantedLanguage = 0;
  let destroyed = false;
  const setLanguage = (id) => {
    const ticket = ++wantedLanguage;
    return languageFor(id).then((support) => {
      if (ticket === wantedLanguage && !destroyed) {
        view.dispatch({ effects: lang.reconfigure(support) });
      }
    });
  };
  setLanguage(language);

  return {
    getDoc: () => view.state.doc.toString(),

    // Replaces the document with `text` by one minimal change (the part
    // between the common prefix and suffix), so the selection and the scroll
    // position of a mirrored, read-only view stay put while the other side
    // types. Does not call onChange.
    setDoc(text) {
      text = String(text).replace(/\r\n?/g, "\n"); // the doc stores "\n" only
      const cur = view.state.doc.toString();
      if (cur === text) return;
      const max = Math.min(cur.length, text.length);
      let start = 0;
      while (start < max && cur.charCodeAt(start) === text.charCodeAt(start)) start++;
      let endCur = cur.length;
      let endNew = text.length;
      while (endCur > start && endNew > start && cur.charCodeAt(endCur - 1) === text.charCodeAt(endNew - 1)) {
        endCur--;
        endNew--;
      }
      // The selection is mapped through the change, so it stays in range.
      view.dispatch({
        changes: { from: start, to: endCur, insert: text.slice(start, endNew) },
        annotations: external.of(true),
      });
    },

    // Resolves once the language's highlighting is on.
    setLanguage,

    focus: () => view.focus(),

    destroy() {
      destroyed = true;
      view.destroy();
      host.remove();
    },
  };
}
