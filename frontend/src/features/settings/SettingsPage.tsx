import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Empty, Flex, Input, Skeleton, Tabs, Typography } from 'antd';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { isMissingApi, NotAvailable } from '@/components/NotAvailable';

import { listSettings } from './api/settingsApi';
import { SettingEditor } from './components/SettingEditor';

export function SettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState('');
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: ({ signal }) => listSettings(signal),
    meta: { handlesErrors: true },
    retry: false,
  });

  const needle = filter.trim().toLowerCase();
  const categories = (settings.data ?? [])
    .map((category) => ({
      ...category,
      settings: category.settings.filter(
        (setting) =>
          !needle ||
          setting.key.toLowerCase().includes(needle) ||
          (setting.name ?? '').toLowerCase().includes(needle) ||
          (setting.description ?? '').toLowerCase().includes(needle),
      ),
    }))
    .filter((category) => category.settings.length > 0);
  const active = params.get('category') ?? categories[0]?.category;

  let body;
  if (settings.isError && isMissingApi(settings.error)) {
    body = <NotAvailable />;
  } else if (settings.isError) {
    body = (
      <Alert
        type="error"
        showIcon
        message={settings.error.message}
        action={<Button onClick={() => void settings.refetch()}>{t('app.retry')}</Button>}
      />
    );
  } else if (settings.isLoading) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else if (categories.length === 0) {
    body = <Empty description={t('settings.empty')} />;
  } else {
    body = (
      <Tabs
        activeKey={categories.some((c) => c.category === active) ? active : categories[0]?.category}
        onChange={(key) => setParams({ category: key }, { replace: true })}
        items={categories.map((category) => ({
          key: category.category,
          label: category.category,
          children: category.settings.map((setting, index) => (
            <Fragment key={setting.key}>
              {index > 0 ? <Divider style={{ margin: 0 }} /> : null}
              {/* A new stored value (after a save) starts the editor afresh. */}
              <SettingEditor key={JSON.stringify(setting.value)} setting={setting} />
            </Fragment>
          )),
        }))}
      />
    );
  }

  return (
    <Flex vertical gap={16}>
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('settings.subtitle')}</Typography.Text>
        </div>
        <Input.Search
          allowClear
          placeholder={t('settings.search')}
          aria-label={t('settings.search')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          style={{ width: 240 }}
        />
      </div>
      <Card>{body}</Card>
    </Flex>
  );
}
