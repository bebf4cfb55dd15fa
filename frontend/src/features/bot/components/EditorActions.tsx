import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

import type { SaveConflict } from '../hooks/useFileEditor';

import { ConflictModal } from './ConflictModal';

// The part of useFileEditor's answer that the save controls below use; every tab built on that
// hook passes its editor as is.
export interface EditorSaveState {
  draft: string;
  dirty: boolean;
  saving: boolean;
  saveError: Error | null;
  conflict: SaveConflict | null;
  save: (text?: string) => void;
  discard: () => void;
  takeTheirs: () => void;
  overwrite: () => void;
  dismissConflict: () => void;
}

interface EditorActionsProps {
  editor: EditorSaveState;
  // data-testid of the Save button, one per tab ("persona-save", "config-save", "env-save").
  saveTestId: string;
  // False while the draft is invalid: Save stays disabled even with changes.
  canSave?: boolean;
}

// Discard and Save, side by side in the tab's own toolbar.
export function EditorActions({ editor, saveTestId, canSave = true }: EditorActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Button icon={<UndoOutlined />} disabled={!editor.dirty} onClick={editor.discard}>
        {t('bot.discard')}
      </Button>
      <Button
        type="primary"
        icon={<SaveOutlined />}
        disabled={!editor.dirty || !canSave}
        loading={editor.saving}
        onClick={() => editor.save()}
        data-testid={saveTestId}
      >
        {t('bot.save')}
      </Button>
    </>
  );
}

// The server's refusal of the last save (a 409 is not shown here: it opens EditorConflict).
export function EditorSaveError({ editor }: { editor: EditorSaveState }) {
  if (!editor.saveError) return null;
  return <Alert type="error" showIcon message={editor.saveError.message} data-testid="save-error" />;
}

// The compare / take theirs / overwrite prompt after a stale save.
export function EditorConflict({ editor }: { editor: EditorSaveState }) {
  return (
    <ConflictModal
      conflict={editor.conflict}
      mine={editor.draft}
      saving={editor.saving}
      onTakeTheirs={editor.takeTheirs}
      onOverwrite={editor.overwrite}
      onCancel={editor.dismissConflict}
    />
  );
}
