import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, InputNumber, Progress, Row, Spin, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '@/lib/format';
import { isApiError } from '@/lib/apiClient';
import { notify } from '@/lib/notify';
import { useTopic } from '@/lib/useTopic';

import { getEnv, putEnv, type EnvDocument, type ResourceQuota } from '../api/configApi';
import { TabError } from '../components/TabError';
import { useReportUnsaved } from '../hooks/unsavedChanges';
import type { BotDetail, BotStats } from '../types';

const kMiB = 1024 * 1024;

function percent(used: number | null | undefined, limit: number | null | undefined): number | null {
  if (used == null || !limit) return null;
  return Math.min(100, Math.round((used / limit) * 1000) / 10);
}

function LiveUse({ stats, quota, storageUsedMb }: {
  stats: BotStats | null | undefined;
  quota: ResourceQuota | undefined;
  storageUsedMb: number | null | undefined;
}) {
  const { t, i18n } = useTranslation();
  const memoryMb = stats ? stats.memory_bytes / kMiB : null;
  const memoryLimitMb = stats?.memory_limit_bytes ? stats.memory_limit_bytes / kMiB : quota?.memory_mb;
  const storageMb = stats?.storage_bytes != null ? stats.storage_bytes / kMiB : storageUsedMb;
  const cpuShare = stats && quota?.cpus ? percent(stats.cpu_percent, quota.cpus * 100) : null;

  return (
    <Card size="small" title={t('bot.resources.live')} data-testid="resources-live">
      {!stats ? (
        <Typography.Text type="secondary">{t('bot.resources.noStats')}</Typography.Text>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Statistic
            title={t('bot.resources.cpu')}
            value={stats ? stats.cpu_percent.toFixed(1) : '—'}
            suffix={stats ? '%' : undefined}
          />
          {cpuShare != null ? <Progress percent={cpuShare} size="small" /> : null}
        </Col>
        <Col xs={24} md={8}>
          <Statistic
            title={t('bot.resources.memory')}
            value={memoryMb != null ? memoryMb.toFixed(0) : '—'}
            suffix={memoryLimitMb ? `/ ${Math.round(memoryLimitMb)} MiB` : 'MiB'}
          />
          {percent(memoryMb, memoryLimitMb) != null ? (
            <Progress percent={percent(memoryMb, memoryLimitMb) ?? 0} size="small" />
          ) : null}
        </Col>
        <Col xs={24} md={8}>
          <Statistic
            title={t('bot.resources.storage')}
            value={storageMb != null ? storageMb.toFixed(1) : '—'}
            suffix={quota?.storage_mb ? `/ ${quota.storage_mb} MiB` : 'MiB'}
          />
          {percent(storageMb, quota?.storage_mb) != null ? (
            <Progress
              percent={percent(storageMb, quota?.storage_mb) ?? 0}
              size="small"
              status={(storageMb ?? 0) > (quota?.storage_mb ?? Infinity) ? 'exception' : undefined}
            />
          ) : null}
        </Col>
      </Row>
      {stats?.sampled_at ? (
        <Typography.Text type="secondary">
          {t('bot.resources.sampledAt', {
            time: formatDateTime(stats.sampled_at, i18n.resolvedLanguage ?? 'en'),
          })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

export function ResourcesTab({ bot }: { bot: BotDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const queryKey = ['bots', 'env', bot.id];
  const env = useQuery({
    queryKey,
    queryFn: ({ signal }) => getEnv(bot.id, signal),
    meta: { handlesErrors: true },
    retry: false,
  });
  // The runtime samples running bots every few seconds and sends each sample on the fleet topic.
  const [liveStats, setLiveStats] = useState<BotStats | null>(null);
  useTopic('fleet', (frame) => {
    if (frame.type === 'bot_stats' && frame.bot_id === bot.id) {
      setLiveStats((frame.stats as BotStats | null) ?? null);
    }
  });
  const stats = bot.docker_status === 'running' ? (liveStats ?? bot.stats) : null;
  const [form] = Form.useForm<ResourceQuota>();
  const [dirty, setDirty] = useState(false);
  useReportUnsaved('resources', dirty);
  const save = useMutation({
    mutationFn: (resources: ResourceQuota) => {
      const doc = env.data as EnvDocument;
      return putEnv(bot.id, { variables: doc.variables, resources }, doc.etag);
    },
    meta: { handlesErrors: true },
    onSuccess: (doc) => {
      queryClient.setQueryData(queryKey, doc);
      setDirty(false);
      notify.success(t('bot.saved'));
    },
    onError: (error) => {
      // Someone saved env.json meanwhile: reload it; the quota edits stay in the form.
      if (isApiError(error) && error.status === 409) void env.refetch();
    },
  });

  useEffect(() => {
    if (env.data && !dirty) form.setFieldsValue(env.data.resources);
  }, [env.data, dirty, form]);

  if (env.isError) return <TabError error={env.error} onRetry={() => void env.refetch()} />;
  if (!env.data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const limits = env.data.limits ?? {};
  const quotaField = (key: keyof ResourceQuota, step: number) => (
    <Form.Item
      name={key}
      label={t(`bot.resources.quota.${key}`)}
      extra={limits[key] ? `${limits[key]?.min} – ${limits[key]?.max}` : undefined}
      rules={[{ required: key !== 'pids' }]}
    >
      <InputNumber min={limits[key]?.min} max={limits[key]?.max} step={step} style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <LiveUse stats={stats} quota={env.data.resources} storageUsedMb={env.data.storage_used_mb} />
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('bot.resources.quotaTitle')}>
          <Form<ResourceQuota>
            form={form}
            layout="vertical"
            initialValues={env.data.resources}
            onValuesChange={() => setDirty(true)}
            onFinish={(values) => save.mutate(values)}
          >
            {quotaField('cpus', 0.1)}
            {quotaField('memory_mb', 64)}
            {quotaField('storage_mb', 256)}
            {env.data.resources.pids !== undefined ? quotaField('pids', 16) : null}
            {save.error ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                message={
                  isApiError(save.error) && save.error.status === 409
                    ? t('bot.resources.stale')
                    : save.error.message
                }
              />
            ) : null}
            <Typography.Paragraph type="secondary">{t('bot.resources.appliesOnStart')}</Typography.Paragraph>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} disabled={!dirty} data-testid="resources-save">
              {t('bot.save')}
            </Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
