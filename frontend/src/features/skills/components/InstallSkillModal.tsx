import { useMutation } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { useBots } from '@/features/fleet/hooks/useBots';
import { notify } from '@/lib/notify';

import { installSkill, type Skill } from '../api/skillsApi';

interface Values {
  bot_id: string;
  replace: boolean;
}

export function InstallSkillModal({ skill, onClose }: { skill: Skill | null; onClose: () => void }) {
  const { t } = useTranslation();
  const bots = useBots();
  const [form] = Form.useForm<Values>();
  const install = useMutation({
    mutationFn: (values: Values) => installSkill(values.bot_id, skill?.skill_key ?? '', values.replace),
    meta: { handlesErrors: true },
    onSuccess: (_result, values) => {
      notify.success(t('skills.installed', { skill: skill?.name, bot: values.bot_id }));
      onClose();
    },
  });
  const reset = install.reset;

  useEffect(() => {
    if (skill) {
      form.resetFields();
      reset();
    }
  }, [skill, form, reset]);

  return (
    <Modal
      open={skill !== null}
      title={t('skills.installTitle', { name: skill?.name ?? '' })}
      onCancel={onClose}
      okText={t('skills.installSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={install.isPending}
      onOk={() => void form.validateFields().then((values) => install.mutate(values)).catch(() => undefined)}
      forceRender
    >
      {install.isError ? (
        <Alert type="error" showIcon message={install.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ replace: false }}>
        <Form.Item
          label={t('skills.installBot')}
          name="bot_id"
          rules={[{ required: true, message: t('skills.installBotRequired') }]}
        >
          <Select
            showSearch
            loading={bots.isLoading}
            options={(bots.data ?? []).map((bot) => ({ value: bot.id, label: `${bot.id} — ${bot.name}` }))}
          />
        </Form.Item>
        <Form.Item name="replace" valuePropName="checked">
          <Checkbox>{t('skills.installReplace')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
