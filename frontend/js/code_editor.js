// Loads the CodeMirror answer editor (frontend/editor, bundled by
// scripts/build-editor.sh) the first time a room needs it. Its address is in
// index.html's <meta name="mockroom-editor">, content-hashed by the build, so
// no other page downloads it.

let loading;

function load() {
    if (!loading) {
        const meta = document.querySelector('meta[name="mockroom-editor"]');
        loading = meta ? import(meta.content) : Promise.reject(new Error("the code editor is not in this build"));
        // A failed fetch is not remembered: the next editor tries again.
        loading.catch(() => { loading = undefined; });
    }
    return loading;
}

export async function mountEditor(parent, doc, language, readOnly, label, onChange) {
    const editor = await load();
    return editor.createEditor(parent, { doc, language, readOnly, label, onChange });
}
