import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Col, Collapse, Flex, Form, Input, InputNumber, Row, Select, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { notify } from '@/lib/notify';

import {
  getConfigSchema,
  patchConfigSection,
  type ConfigDocument,
  type SchemaField,
} from '../../api/configApi';

import { readObject, readPath } from './configPaths';
import { SectionForm } from './SectionForm';

interface StructuredConfigProps {
  botId: string;
  doc: ConfigDocument;
  // Every structured save answers with the whole file; the raw editor adopts it.
  onSaved: (doc: ConfigDocument) => void;
}

const kMask = '••••';

function isMasked(value: unknown): boolean {
  return typeof value === 'string' && value.includes(kMask);
}

// Secrets come back masked. The input starts empty with the mask as a placeholder; leaving it
// empty keeps the stored secret, typing replaces it.
function SecretInput({ current, ...rest }: { current: unknown; value?: string; onChange?: () => void }) {
  const { t } = useTranslation();
  return (
    <Input.Password
      {...rest}
      autoComplete="new-password"
      placeholder={current ? String(current) : t('bot.config.secretEmpty')}
    />
  );
}

function FieldInput({ field, current }: { field: SchemaField; current: unknown }) {
  if (field.secret) return <SecretInput current={current} />;
  switch (field.type) {
    case 'boolean':
      return <Switch />;
    case 'integer':
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'string_list':
      return <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />;
    default:
      return <Input />;
  }
}

// Only fields the user typed into are sent; an empty secret box means "keep".
function changedFields(values: Record<string, unknown>, secrets: Set<string>) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (secrets.has(key) && (value === '' || isMasked(value))) continue;
    out[key] = value;
  }
  return out;
}

export function StructuredConfig({ botId, doc, onSaved }: StructuredConfigProps) {
  const { t } = useTranslation();
  const schema = useQuery({
    queryKey: ['config-schema'],
    queryFn: ({ signal }) => getConfigSchema(signal),
    staleTime: Infinity,
    retry: false,
    meta: { handlesErrors: true },
  });
  const patch = useMutation({
    mutationFn: ({ section, change }: { section: string; change: object }) =>
      patchConfigSection(botId, section, change),
    onSuccess: (saved) => {
      onSaved(saved);
      notify.success(t('bot.saved'));
    },
  });
  const save = (section: string, change: object) => patch.mutateAsync({ section, change });

  const config = doc.config;
  const defaults = readObject(config, 'agents.defaults');
  const providers = readObject(config, 'providers');
  const channels = readObject(config, 'channels');
  const heartbeat = readObject(config, 'gateway.heartbeat');
  const schemaProviders = schema.data?.providers ?? [];
  const providerNames = Array.from(
    new Set([...Object.keys(providers), ...schemaProviders.map((item) => item.name)]),
  );
  const configuredProviders = Object.keys(providers);
  const schemaChannels = (schema.data?.channels ?? []).filter((item) => item.name !== 'websocket');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <SectionForm
          title={t('bot.config.model')}
          source="config:model"
          saving={patch.isPending && patch.variables?.section === 'model'}
          initialValues={{
            model: (defaults.model as string) ?? '',
            provider: (defaults.provider as string) ?? 'auto',
            temperature: defaults.temperature as number | undefined,
            maxTokens: defaults.maxTokens as number | undefined,
          }}
          onSave={(values) => save('model', values)}
        >
          <Form.Item name="model" label={t('bot.config.modelName')} rules={[{ required: true }]}>
            <Input placeholder="openai/gpt-4o-mini" />
          </Form.Item>
          <Form.Item name="provider" label={t('bot.config.provider')}>
            <Select
              options={['auto', ...providerNames].map((name) => ({ value: name, label: name }))}
            />
          </Form.Item>
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item name="temperature" label={t('bot.config.temperature')}>
                <InputNumber min={0} max={2} step={0.1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="maxTokens" label={t('bot.config.maxTokens')}>
                <InputNumber min={1} step={256} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </SectionForm>
      </Col>
      <Col xs={24} lg={12}>
        <SectionForm
          title={t('bot.config.gateway')}
          source="config:gateway"
          saving={patch.isPending && patch.variables?.section === 'gateway'}
          initialValues={{
            enabled: Boolean(heartbeat.enabled),
            intervalS: (heartbeat.intervalS as number | undefined) ?? 1800,
          }}
          onSave={(values) => save('gateway', { heartbeat: values })}
        >
          <Form.Item name="enabled" label={t('bot.config.heartbeat')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="intervalS" label={t('bot.config.heartbeatInterval')}>
            <InputNumber min={60} step={60} style={{ width: '100%' }} />
          </Form.Item>
          <Typography.Text type="secondary">
            {t('bot.config.gatewayPorts', {
              port: String(readPath(config, 'gateway.port') ?? '—'),
            })}
          </Typography.Text>
        </SectionForm>
      </Col>
      {configuredProviders.map((name) => {
        const provider = readObject(config, `providers.${name}`);
        return (
          <Col xs={24} lg={12} key={`provider-${name}`}>
            <SectionForm
              title={
                <span>
                  {t('bot.config.providerTitle')} <Tag>{name}</Tag>
                </span>
              }
              source={`config:provider:${name}`}
              saving={patch.isPending && patch.variables?.section === `providers/${name}`}
              initialValues={{ apiKey: '', apiBase: (provider.apiBase as string) ?? '' }}
              onSave={(values) =>
                save(
                  `providers/${encodeURIComponent(name)}`,
                  changedFields(values, new Set(['apiKey'])),
                )
              }
            >
              <Form.Item name="apiKey" label={t('bot.config.apiKey')}>
                <SecretInput current={provider.apiKey} />
              </Form.Item>
              <Form.Item name="apiBase" label={t('bot.config.apiBase')}>
                <Input placeholder="https://…" />
              </Form.Item>
            </SectionForm>
          </Col>
        );
      })}
      <Col xs={24} lg={12}>
        <SectionForm<{ name: string; apiKey: string; apiBase: string }>
          title={t('bot.config.addProvider')}
          source="config:provider:new"
          saving={patch.isPending && patch.variables?.section.startsWith('providers/') === true}
          initialValues={{ name: '', apiKey: '', apiBase: '' }}
          onSave={(values, form) =>
            save(`providers/${encodeURIComponent(values.name)}`, {
              apiKey: values.apiKey || undefined,
              apiBase: values.apiBase || undefined,
            }).then(() => form.resetFields())
          }
        >
          <Form.Item
            name="name"
            label={t('bot.config.providerName')}
            rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_]{0,63}$/ }]}
          >
            <Select
              showSearch
              data-testid="provider-name"
              options={schemaProviders
                .filter((item) => !configuredProviders.includes(item.name))
                .map((item) => ({ value: item.name, label: item.name }))}
            />
          </Form.Item>
          <Form.Item name="apiKey" label={t('bot.config.apiKey')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="apiBase" label={t('bot.config.apiBase')}>
            <Input placeholder="https://…" />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('bot.config.keyInEnv')}</Typography.Paragraph>
        </SectionForm>
      </Col>
      {schema.isError ? (
        <Col span={24}>
          <Alert type="info" showIcon message={t('bot.config.noSchema')} />
        </Col>
      ) : null}
      {schemaChannels.length > 0 ? (
        <Col span={24}>
          <Typography.Title level={5}>{t('bot.config.channels')}</Typography.Title>
          <Collapse
            data-testid="config-channels"
            items={schemaChannels.map((channel) => {
              const current = readObject(channels, channel.name);
              const secrets = new Set(channel.fields.filter((f) => f.secret).map((f) => f.key));
              const initial: Record<string, unknown> = { enabled: Boolean(current.enabled) };
              for (const field of channel.fields) {
                initial[field.key] = field.secret ? '' : current[field.key];
              }
              return {
                key: channel.name,
                label: (
                  <Flex gap={8} align="center">
                    {channel.label ?? channel.name}
                    {current.enabled ? <Tag color="success">{t('bot.config.on')}</Tag> : null}
                  </Flex>
                ),
                children: (
                  <SectionForm
                    title={channel.label ?? channel.name}
                    source={`config:channel:${channel.name}`}
                    saving={patch.isPending && patch.variables?.section === `channels/${channel.name}`}
                    initialValues={initial}
                    onSave={(values) =>
                      save(`channels/${encodeURIComponent(channel.name)}`, changedFields(values, secrets))
                    }
                  >
                    <Form.Item name="enabled" label={t('bot.config.enabled')} valuePropName="checked">
                      <Switch />
                    </Form.Item>
                    {channel.fields
                      .filter((field) => field.key !== 'enabled')
                      .map((field) => (
                        <Form.Item
                          key={field.key}
                          name={field.key}
                          label={field.key}
                          valuePropName={field.type === 'boolean' ? 'checked' : 'value'}
                        >
                          <FieldInput field={field} current={current[field.key]} />
                        </Form.Item>
                      ))}
                  </SectionForm>
                ),
              };
            })}
          />
        </Col>
      ) : null}
    </Row>
  );
}
