import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

import type { CodeEditorProps } from './CodeEditor';

// The Markdown mode brings HTML, CSS and JavaScript parsers with it (several hundred KB), so
// each language is its own chunk and joins the editor once loaded.
function loadLanguage(language: CodeEditorProps['language']): Promise<Extension> {
  return language === 'json'
    ? import('@codemirror/lang-json').then((module) => module.json())
    : import('@codemirror/lang-markdown').then((module) => module.markdown());
}

// CodeMirror 6 owns its DOM; React hands it the text once and hears about edits. A new `value`
// from outside (a reload after a conflict) replaces the document.
export default function CodeMirrorEditor(props: CodeEditorProps) {
  const { value, onChange, onSave, language, ariaLabel } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onSaveRef = useRef(onSave);
  onSaveRef.current = onSave;

  useEffect(() => {
    if (!host.current) return undefined;
    const languageSlot = new Compartment();
    let disposed = false;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          // Above the default keymap, so the browser's "save page" never opens from the editor.
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-s',
                preventDefault: true,
                run: () => {
                  onSaveRef.current?.();
                  return true;
                },
              },
            ]),
          ),
          basicSetup,
          languageSlot.of([]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': ariaLabel }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    void loadLanguage(language).then((extension) => {
      if (!disposed) editor.dispatch({ effects: languageSlot.reconfigure(extension) });
    });
    return () => {
      disposed = true;
      editor.destroy();
      view.current = null;
    };
    // Built once per language; later values arrive through the effect below.
  }, [language]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) {
      editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} data-testid="code-editor" />;
}
