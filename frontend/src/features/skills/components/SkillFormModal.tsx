import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Spin, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { notify } from '@/lib/notify';

import { createSkill, getSkill, updateSkill, type Skill, type SkillInput } from '../api/skillsApi';

const kKeyPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

function templateFor(key: string): string {
  return `---\nname: ${key || 'my-skill'}\ndescription: What this skill does and when to use it.\n---\n\n# ${key || 'my-skill'}\n\n`;
}

// Publishes a new market skill (skill === null) or edits one; the server checks SKILL.md's
// front matter and its message is shown above the form.
export function SkillFormModal({ open, skill, onClose }: {
  open: boolean;
  skill: Skill | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SkillInput>();
  const full = useQuery({
    queryKey: ['skills', 'detail', skill?.id],
    queryFn: ({ signal }) => getSkill(skill?.id ?? 0, signal),
    enabled: open && skill !== null,
  });
  const save = useMutation({
    mutationFn: (input: SkillInput) => (skill ? updateSkill(skill.id, input) : createSkill(input)),
    meta: { handlesErrors: true },
    onSuccess: (saved) => {
      notify.success(t('skills.form.saved', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: ['skills'] });
      onClose();
    },
  });
  const reset = save.reset;

  useEffect(() => {
    if (!open) return;
    reset();
    form.resetFields();
    if (!skill) form.setFieldsValue({ enabled: true, skill_md: templateFor('') });
  }, [open, skill, form, reset]);

  useEffect(() => {
    if (open && full.data) form.setFieldsValue({ ...full.data, version: full.data.version ?? '', author: full.data.author ?? '' });
  }, [open, full.data, form]);

  const required = [{ required: true, whitespace: true, message: t('skills.form.required') }];

  return (
    <Modal
      open={open}
      width={760}
      title={skill ? t('skills.form.titleEdit', { name: skill.name }) : t('skills.form.titleNew')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((values) => save.mutate(values)).catch(() => undefined)}
      forceRender
    >
      {skill && full.isLoading ? <Spin /> : null}
      {save.isError ? (
        <Alert type="error" showIcon message={save.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<SkillInput> form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          label={t('skills.form.key')}
          name="skill_key"
          extra={t('skills.form.keyHelp')}
          rules={[...required, { pattern: kKeyPattern, message: t('skills.form.keyInvalid') }]}
        >
          <Input spellCheck={false} autoComplete="off" disabled={skill !== null} />
        </Form.Item>
        <Form.Item label={t('skills.form.name')} name="name" rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('skills.form.description')} name="description" rules={required}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item label={t('skills.form.category')} name="category" rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('skills.form.version')} name="version">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('skills.form.author')} name="author">
          <Input autoComplete="off" />
        </Form.Item>
        {skill ? (
          <Form.Item label={t('skills.form.enabled')} name="enabled" valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
        <Form.Item
          label={t('skills.form.skillMd')}
          name="skill_md"
          extra={t('skills.form.skillMdHelp')}
          rules={required}
        >
          <Input.TextArea
            autoSize={{ minRows: 8, maxRows: 20 }}
            spellCheck={false}
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
