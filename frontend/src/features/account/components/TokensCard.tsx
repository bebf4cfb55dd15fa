import { DeleteOutlined, KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { isMissingApi, NotAvailable } from '@/components/NotAvailable';
import { formatDateTime, formatRelative } from '@/lib/format';
import { notify } from '@/lib/notify';

import { createToken, listTokens, revokeToken, type ApiToken, type NewApiToken } from '../api/accountApi';

const kTokensKey = ['tokens'] as const;

export function TokensCard() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [fresh, setFresh] = useState<NewApiToken | null>(null);
  const tokens = useQuery({
    queryKey: kTokensKey,
    queryFn: ({ signal }) => listTokens(signal),
    meta: { handlesErrors: true },
    retry: false,
  });
  const create = useMutation({
    mutationFn: createToken,
    meta: { handlesErrors: true },
    onSuccess: (token) => {
      setFresh(token);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: kTokensKey });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeToken,
    onSuccess: () => {
      notify.success(t('account.tokens.revoked'));
      void queryClient.invalidateQueries({ queryKey: kTokensKey });
    },
  });

  if (tokens.isError && isMissingApi(tokens.error)) {
    return (
      <Card title={t('account.tokens.title')}>
        <NotAvailable />
      </Card>
    );
  }

  const when = (value: string | null) =>
    value ? (
      <span title={formatDateTime(value, locale)}>{formatRelative(value, locale)}</span>
    ) : (
      <Typography.Text type="secondary">{t('account.tokens.never')}</Typography.Text>
    );

  return (
    <Card title={t('account.tokens.title')}>
      <Typography.Paragraph type="secondary">{t('account.tokens.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(values: { name: string }) => create.mutate(values.name.trim())}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item
          name="name"
          rules={[{ required: true, whitespace: true, message: t('account.tokens.nameRequired') }]}
        >
          <Input
            aria-label={t('account.tokens.name')}
            placeholder={t('account.tokens.namePlaceholder')}
            maxLength={64}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={create.isPending}>
          {t('account.tokens.create')}
        </Button>
      </Form>
      {create.isError ? (
        <Alert type="error" showIcon message={create.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      {fresh ? (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setFresh(null)}
          style={{ marginBottom: 16 }}
          message={t('account.tokens.newTitle')}
          description={
            <>
              <Typography.Paragraph copyable={{ text: fresh.token }} code data-testid="new-token">
                {fresh.token}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('account.tokens.newHint')}</Typography.Text>
            </>
          }
        />
      ) : null}
      {tokens.isError ? (
        <Alert type="error" showIcon message={tokens.error.message} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          loading={tokens.isLoading}
          dataSource={tokens.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('account.tokens.empty')} /> }}
          columns={[
            { title: t('account.tokens.name'), dataIndex: 'name', key: 'name' },
            {
              title: t('account.tokens.prefix'),
              dataIndex: 'prefix',
              key: 'prefix',
              render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
            },
            { title: t('account.tokens.created'), key: 'created', render: (_v, token) => when(token.created_at) },
            { title: t('account.tokens.lastUsed'), key: 'used', render: (_v, token) => when(token.last_used_at) },
            {
              key: 'actions',
              align: 'right',
              render: (_v, token) => (
                <Popconfirm
                  title={t('account.tokens.revokeConfirm', { name: token.name })}
                  okText={t('account.tokens.revoke')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke.mutate(token.id)}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('account.tokens.revoke')} ${token.name}`}>
                    <span className="hide-on-phone">{t('account.tokens.revoke')}</span>
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
