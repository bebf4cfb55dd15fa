import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { isApiError } from '@/lib/apiClient';

import { useCreateBot } from '../hooks/useBotActions';
import { useImages } from '../hooks/useImages';
import { kBotIdPattern, type Bot, type CreateBotInput } from '../types';

interface NewBotModalProps {
  open: boolean;
  onClose: () => void;
  onCreated: (bot: Bot) => void;
}

interface FormValues {
  id: string;
  name: string;
  image_tag?: string;
}

const kUnusableImageStates = new Set(['building', 'failed']);

export function NewBotModal({ open, onClose, onCreated }: NewBotModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const images = useImages(open);
  const createBot = useCreateBot();
  const resetMutation = createBot.reset;

  // Each opening starts with an empty form and no error from the last attempt.
  useEffect(() => {
    if (open) {
      form.resetFields();
      resetMutation();
    }
  }, [open, form, resetMutation]);

  const submit = async () => {
    const values = await form.validateFields();
    const input: CreateBotInput = { id: values.id.trim(), name: values.name.trim() };
    if (values.image_tag) input.image_tag = values.image_tag;
    createBot.mutate(input, {
      onSuccess: (bot) => onCreated(bot),
      onError: (error) => {
        const message = isApiError(error) ? error.message : t('errors.generic');
        if (isApiError(error) && error.code === 'bot_exists') {
          form.setFields([{ name: 'id', errors: [t('newBot.idTaken')] }]);
        } else if (isApiError(error) && error.code === 'unknown_image') {
          form.setFields([{ name: 'image_tag', errors: [message] }]);
        } else {
          form.setFields([{ name: 'id', errors: [message] }]);
        }
      },
    });
  };

  const imageOptions = [
    { value: '', label: t('fleet.defaultImage') },
    ...(images.data ?? []).map((image) => ({
      value: image.tag,
      disabled: kUnusableImageStates.has(image.status),
      label: image.version ? `${image.tag} (${image.version})` : image.tag,
    })),
  ];

  return (
    <Modal
      title={t('newBot.title')}
      open={open}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('newBot.create')}
      cancelText={t('newBot.cancel')}
      confirmLoading={createBot.isPending}
      forceRender
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ id: '', name: '', image_tag: '' }}
        onFinish={() => void submit()}
      >
        <Form.Item
          label={t('newBot.id')}
          name="id"
          extra={t('newBot.idHelp')}
          validateFirst
          rules={[
            { required: true, whitespace: true, message: t('newBot.idRequired') },
            { pattern: kBotIdPattern, message: t('newBot.idInvalid') },
          ]}
        >
          <Input autoComplete="off" spellCheck={false} maxLength={63} placeholder="support-bot" />
        </Form.Item>
        <Form.Item
          label={t('newBot.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('newBot.nameRequired') }]}
        >
          <Input autoComplete="off" maxLength={128} placeholder="Support Bot" />
        </Form.Item>
        <Form.Item label={t('newBot.image')} name="image_tag" extra={t('newBot.imageHelp')}>
          <Select
            options={imageOptions}
            loading={images.isLoading}
            aria-label={t('newBot.image')}
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
