import { CheckCircleTwoTone, CloseCircleTwoTone, InfoCircleTwoTone, LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, List, Modal, Radio, Select, Space, Steps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { isApiError } from '@/lib/apiClient';

import { setModel, setProviderKey, setQuota, writePersonaFile } from '../api/setupApi';
import { useCreateBot } from '../hooks/useBotActions';
import { useBots } from '../hooks/useBots';
import { useBotSetup, type SetupResult, type SetupTask } from '../hooks/useBotSetup';
import { useImages } from '../hooks/useImages';
import { kPersonaSoul, kPersonaTemplates, type PersonaTemplate } from '../personaTemplates';
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
  template_bot_id?: string;
  model?: string;
  provider?: string;
  api_key?: string;
  persona: PersonaTemplate;
  cpus?: number | null;
  memory_mb?: number | null;
  storage_mb?: number | null;
  access_password?: string;
}

const kUnusableImageStates = new Set(['building', 'failed']);
const kProviders = ['openai', 'anthropic', 'openrouter', 'deepseek', 'gemini', 'dashscope', 'moonshot', 'ollama'];
const kStepFields: Array<Array<keyof FormValues>> = [
  ['id', 'name', 'image_tag', 'template_bot_id'],
  ['model', 'provider', 'api_key'],
  ['persona'],
  ['cpus', 'memory_mb', 'storage_mb', 'access_password'],
];

const kSetupIcons = {
  pending: <InfoCircleTwoTone twoToneColor="#bfbfbf" />,
  running: <LoadingOutlined />,
  done: <CheckCircleTwoTone twoToneColor="#52c41a" />,
  failed: <CloseCircleTwoTone twoToneColor="#ff4d4f" />,
  unavailable: <InfoCircleTwoTone twoToneColor="#faad14" />,
};

function SetupList({ results }: { results: SetupResult[] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      data-testid="setup-results"
      dataSource={results}
      renderItem={(result) => (
        <List.Item>
          <Space align="start">
            {kSetupIcons[result.status]}
            <span>
              {result.label}
              {result.status === 'unavailable' ? ` — ${t('common.notAvailable')}` : null}
              {result.status === 'failed' && result.message ? ` — ${result.message}` : null}
            </span>
          </Space>
        </List.Item>
      )}
    />
  );
}

// A short form in four steps; only the first is needed, "Create" works from any step. The bot
// is created first, then the model, persona and quota are written to its files one by one, and
// the outcome of each is listed.
export function NewBotModal({ open, onClose, onCreated }: NewBotModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [step, setStep] = useState(0);
  const [created, setCreated] = useState<Bot | null>(null);
  const images = useImages(open);
  const bots = useBots();
  const createBot = useCreateBot();
  const setup = useBotSetup();
  const resetMutation = createBot.reset;
  const resetSetup = setup.reset;
  const template = Form.useWatch('template_bot_id', form);

  // Each opening starts with an empty form and no error from the last attempt.
  useEffect(() => {
    if (open) {
      form.resetFields();
      resetMutation();
      resetSetup();
      setStep(0);
      setCreated(null);
    }
  }, [open, form, resetMutation, resetSetup]);

  const setupTasks = (id: string, values: FormValues): SetupTask[] => {
    const tasks: SetupTask[] = [];
    const model = values.model?.trim();
    const provider = values.provider?.trim();
    if (model) {
      tasks.push({ key: 'model', label: `${t('newBot.model')}: ${model}`, run: () => setModel(id, model, provider) });
    }
    if (provider && values.api_key) {
      const key = values.api_key;
      tasks.push({ key: 'key', label: `${t('newBot.apiKey')}: ${provider}`, run: () => setProviderKey(id, provider, key) });
    }
    if (values.persona && values.persona !== 'blank') {
      const soul = kPersonaSoul[values.persona];
      tasks.push({
        key: 'persona',
        label: `${t('newBot.persona')}: ${t(`newBot.personas.${values.persona}`)}`,
        run: () => writePersonaFile(id, 'SOUL.md', soul),
      });
    }
    const quota = {
      ...(values.cpus ? { cpus: values.cpus } : {}),
      ...(values.memory_mb ? { memory_mb: values.memory_mb } : {}),
      ...(values.storage_mb ? { storage_mb: values.storage_mb } : {}),
    };
    if (Object.keys(quota).length > 0) {
      tasks.push({ key: 'quota', label: t('newBot.stepLimits'), run: () => setQuota(id, quota) });
    }
    return tasks;
  };

  const submit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      // Show the step holding the first field in error.
      const firstError = form.getFieldsError().find((field) => field.errors.length > 0);
      const name = firstError?.name[0] as keyof FormValues | undefined;
      const errorStep = kStepFields.findIndex((fields) => name !== undefined && fields.includes(name));
      if (errorStep >= 0) setStep(errorStep);
      return;
    }
    const input: CreateBotInput = { id: values.id.trim(), name: values.name.trim() };
    if (values.image_tag) input.image_tag = values.image_tag;
    if (values.template_bot_id) input.template_bot_id = values.template_bot_id;
    if (values.access_password) input.access_password = values.access_password;
    createBot.mutate(input, {
      onSuccess: async (bot) => {
        const tasks = setupTasks(bot.id, values);
        if (tasks.length === 0) {
          onCreated(bot);
          return;
        }
        setCreated(bot);
        const results = await setup.run(tasks);
        if (results.every((result) => result.status === 'done')) onCreated(bot);
      },
      onError: (error) => {
        const message = isApiError(error) ? error.message : t('errors.generic');
        setStep(0);
        if (isApiError(error) && error.code === 'bot_exists') {
          form.setFields([{ name: 'id', errors: [t('newBot.idTaken')] }]);
        } else if (isApiError(error) && error.code === 'unknown_image') {
          form.setFields([{ name: 'image_tag', errors: [message] }]);
        } else if (isApiError(error) && error.code === 'bot_not_found' && input.template_bot_id) {
          form.setFields([{ name: 'template_bot_id', errors: [message] }]);
        } else if (isApiError(error) && /password/i.test(error.code)) {
          setStep(3);
          form.setFields([{ name: 'access_password', errors: [message] }]);
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

  const settingUp = created !== null;
  const setupRunning = setup.results.some((result) => result.status === 'running' || result.status === 'pending');
  const footer = settingUp
    ? [
        <Button key="done" type="primary" disabled={setupRunning} onClick={() => created && onCreated(created)}>
          {t('common.close')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose}>
          {t('newBot.cancel')}
        </Button>,
        step > 0 ? (
          <Button key="back" onClick={() => setStep(step - 1)}>
            {t('newBot.back')}
          </Button>
        ) : null,
        step < 3 ? (
          <Button key="next" onClick={() => setStep(step + 1)}>
            {t('newBot.next')}
          </Button>
        ) : null,
        <Button key="create" type="primary" loading={createBot.isPending} onClick={() => void submit()}>
          {t('newBot.create')}
        </Button>,
      ];

  const show = (index: number) => (index === step ? undefined : { display: 'none' });

  return (
    <Modal title={t('newBot.title')} open={open} onCancel={onClose} footer={footer} width={640} forceRender>
      {settingUp ? (
        <>
          <Alert type="success" showIcon message={t('fleet.created', { id: created.id })} style={{ marginBottom: 12 }} />
          <SetupList results={setup.results} />
        </>
      ) : (
        <>
          <Steps
            size="small"
            current={step}
            onChange={setStep}
            style={{ marginBottom: 20 }}
            items={[
              { title: t('newBot.stepBasics') },
              { title: t('newBot.stepModel') },
              { title: t('newBot.stepPersona') },
              { title: t('newBot.stepLimits') },
            ]}
          />
          <Form<FormValues>
            form={form}
            layout="vertical"
            requiredMark="optional"
            initialValues={{ id: '', name: '', image_tag: '', persona: 'blank' }}
            onFinish={() => void submit()}
          >
            <div style={show(0)}>
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
                <Select options={imageOptions} loading={images.isLoading} aria-label={t('newBot.image')} />
              </Form.Item>
              <Form.Item label={t('newBot.template')} name="template_bot_id" extra={t('newBot.templateHelp')}>
                <Select
                  allowClear
                  showSearch
                  aria-label={t('newBot.template')}
                  placeholder={t('newBot.templateNone')}
                  options={(bots.data ?? []).map((bot) => ({ value: bot.id, label: `${bot.id} — ${bot.name}` }))}
                />
              </Form.Item>
            </div>
            <div style={show(1)}>
              {template ? (
                <Alert type="info" showIcon message={t('newBot.templateCopies', { id: template })} style={{ marginBottom: 16 }} />
              ) : null}
              <Form.Item label={t('newBot.model')} name="model" extra={t('newBot.modelHelp')}>
                <Input autoComplete="off" spellCheck={false} placeholder="gpt-4o-mini" />
              </Form.Item>
              <Form.Item label={t('newBot.provider')} name="provider">
                <Select
                  allowClear
                  showSearch
                  aria-label={t('newBot.provider')}
                  options={kProviders.map((value) => ({ value, label: value }))}
                />
              </Form.Item>
              <Form.Item label={t('newBot.apiKey')} name="api_key" extra={t('newBot.apiKeyHelp')}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </div>
            <div style={show(2)}>
              <Form.Item label={t('newBot.persona')} name="persona" extra={t('newBot.personaHelp')}>
                <Radio.Group
                  optionType="button"
                  options={kPersonaTemplates.map((value) => ({ value, label: t(`newBot.personas.${value}`) }))}
                />
              </Form.Item>
            </div>
            <div style={show(3)}>
              <Space wrap>
                <Form.Item label={t('newBot.cpu')} name="cpus">
                  <InputNumber min={0.1} step={0.5} aria-label={t('newBot.cpu')} />
                </Form.Item>
                <Form.Item label={t('newBot.memory')} name="memory_mb">
                  <InputNumber min={64} step={128} aria-label={t('newBot.memory')} />
                </Form.Item>
                <Form.Item label={t('newBot.storage')} name="storage_mb">
                  <InputNumber min={64} step={256} aria-label={t('newBot.storage')} />
                </Form.Item>
              </Space>
              <div className="ant-form-item-extra" style={{ marginTop: -16, marginBottom: 16 }}>
                {t('newBot.quotaHelp')}
              </div>
              <Form.Item
                label={t('newBot.accessPassword')}
                name="access_password"
                extra={t('newBot.accessPasswordHelp')}
                rules={[{ min: 8, message: t('account.password.tooShort') }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </div>
            <button type="submit" hidden aria-hidden tabIndex={-1} />
          </Form>
        </>
      )}
    </Modal>
  );
}
