import { Input } from 'antd';
import { lazy, Suspense } from 'react';

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  language: 'json' | 'markdown';
  ariaLabel: string;
  invalid?: boolean;
  // Ctrl+S / Cmd+S in the editor.
  onSave?: () => void;
}

// CodeMirror is about as large as the rest of the first screen, so it loads only when an editor
// is shown. Until it arrives a plain read-only text area shows the same text.
const CodeMirrorEditor = lazy(() => import('./CodeMirrorEditor'));

export function CodeEditor(props: CodeEditorProps) {
  return (
    <div className={props.invalid ? 'bot-editor bot-editor--invalid' : 'bot-editor'}>
      <Suspense
        fallback={
          <Input.TextArea value={props.value} readOnly autoSize={{ minRows: 12, maxRows: 20 }} />
        }
      >
        <CodeMirrorEditor {...props} />
      </Suspense>
    </div>
  );
}
