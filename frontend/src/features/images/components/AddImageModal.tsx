import { Alert, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import type { BotImage } from '@/features/fleet/types';

import { useAddImage } from '../hooks/useImageQueries';

interface FormValues {
  tag: string;
  source_dir: string;
  version: string;
}

export function AddImageModal(props: {
  open: boolean;
  onClose: () => void;
  onAdded: (image: BotImage) => void;
}) {
  const { open, onClose, onAdded } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const add = useAddImage();
  const reset = add.reset;

  useEffect(() => {
    if (open) {
      form.resetFields();
      reset();
    }
  }, [open, form, reset]);

  const submit = async () => {
    const values = await form.validateFields();
    add.mutate(
      {
        tag: values.tag.trim(),
        source_dir: values.source_dir?.trim() || undefined,
        version: values.version?.trim() || undefined,
      },
      { onSuccess: onAdded },
    );
  };

  return (
    <Modal
      title={t('images.form.title')}
      open={open}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('images.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      forceRender
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ tag: '', source_dir: '', version: '' }}
        onFinish={() => void submit()}
      >
        {add.isError ? (
          <Alert type="error" showIcon message={add.error.message} style={{ marginBottom: 16 }} />
        ) : null}
        <Form.Item
          label={t('images.form.tag')}
          name="tag"
          extra={t('images.form.tagHelp')}
          rules={[{ required: true, whitespace: true, message: t('images.form.tagRequired') }]}
        >
          <Input autoComplete="off" spellCheck={false} placeholder="nanobot:latest" />
        </Form.Item>
        <Form.Item label={t('images.form.source')} name="source_dir" extra={t('images.form.sourceHelp')}>
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item label={t('images.form.version')} name="version">
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
