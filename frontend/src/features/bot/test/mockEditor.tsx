import type { CodeEditorProps } from '../components/CodeEditor';

// CodeMirror needs layout jsdom does not have; component tests edit through a plain text area.
export function PlainEditor({ value, onChange, ariaLabel }: CodeEditorProps) {
  return (
    <textarea aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)} />
  );
}
