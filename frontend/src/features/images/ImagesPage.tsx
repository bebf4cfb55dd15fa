import { DeleteOutlined, FileTextOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { BotImage } from '@/features/fleet/types';
import { formatDateTime, formatRelative } from '@/lib/format';
import { notify } from '@/lib/notify';

import { AddImageModal } from './components/AddImageModal';
import { BuildLogDrawer } from './components/BuildLogDrawer';
import { useDeleteImage, useImageList } from './hooks/useImageQueries';

const kStatusColors: Record<string, string> = {
  registered: 'blue',
  building: 'processing',
  ready: 'success',
  failed: 'error',
  missing: 'warning',
};

export function ImagesPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const images = useImageList();
  const remove = useDeleteImage();
  const [adding, setAdding] = useState(false);
  const [logTag, setLogTag] = useState<string | null>(null);

  // A build that finishes while the page is open says so, whatever the user is looking at.
  const previous = useRef(new Map<string, string>());
  useEffect(() => {
    for (const image of images.data ?? []) {
      if (previous.current.get(image.tag) === 'building') {
        if (image.status === 'ready') notify.success(t('images.built', { tag: image.tag }));
        if (image.status === 'failed') notify.error(t('images.buildFailed', { tag: image.tag }));
      }
    }
    previous.current = new Map((images.data ?? []).map((image) => [image.tag, image.status]));
  }, [images.data, t]);

  const logImage = images.data?.find((image) => image.tag === logTag);

  const columns: ColumnsType<BotImage> = [
    {
      title: t('images.columns.tag'),
      dataIndex: 'tag',
      key: 'tag',
      sorter: (a, b) => a.tag.localeCompare(b.tag),
      render: (tag: string) => <Typography.Text code>{tag}</Typography.Text>,
    },
    {
      title: t('images.columns.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: string) => (
        <Tag color={kStatusColors[status] ?? 'default'} data-testid="image-status" data-status={status}>
          {t(`images.status.${status}`, { defaultValue: status })}
        </Tag>
      ),
    },
    {
      title: t('images.columns.version'),
      dataIndex: 'version',
      key: 'version',
      responsive: ['sm'],
      render: (version: string | null) => version ?? '—',
    },
    {
      title: t('images.columns.imageId'),
      dataIndex: 'image_id',
      key: 'imageId',
      responsive: ['lg'],
      render: (id: string | null) =>
        id ? (
          <Tooltip title={id}>
            <Typography.Text type="secondary" code>
              {id.replace(/^sha256:/, '').slice(0, 12)}
            </Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('images.columns.source'),
      dataIndex: 'source_dir',
      key: 'source',
      responsive: ['xl'],
      ellipsis: true,
      render: (dir: string | null) => <Typography.Text type="secondary">{dir ?? '—'}</Typography.Text>,
    },
    {
      title: t('images.columns.created'),
      dataIndex: 'created_at',
      key: 'created',
      responsive: ['md'],
      render: (when: string) => (
        <Tooltip title={formatDateTime(when, locale)}>
          <span>{formatRelative(when, locale)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('images.columns.actions'),
      key: 'actions',
      align: 'right',
      render: (_value, image) => (
        <Space size={4}>
          <Button
            size="small"
            icon={<FileTextOutlined />}
            onClick={() => setLogTag(image.tag)}
            aria-label={`${t('images.buildLog')} ${image.tag}`}
          >
            <span className="hide-on-phone">{t('images.buildLog')}</span>
          </Button>
          <Popconfirm
            title={t('images.deleteConfirm', { tag: image.tag })}
            description={t('images.deleteHint')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove.mutate(image.tag, {
                onSuccess: () => notify.success(t('images.deleted', { tag: image.tag })),
              })
            }
          >
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={`${t('common.delete')} ${image.tag}`}
              loading={remove.isPending && remove.variables === image.tag}
            />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('images.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('images.subtitle')}</Typography.Text>
        </div>
        <Flex gap={8}>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('fleet.refresh')}
            loading={images.isFetching && !images.isLoading}
            onClick={() => void images.refetch()}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('images.add')}
          </Button>
        </Flex>
      </div>

      {images.isError && !images.data ? (
        <Alert
          type="error"
          showIcon
          message={images.error.message}
          action={<Button onClick={() => void images.refetch()}>{t('app.retry')}</Button>}
        />
      ) : null}

      <Card styles={{ body: { padding: 0 } }}>
        {!images.isLoading && (images.data ?? []).length === 0 ? (
          <Empty description={t('images.empty')} style={{ padding: '40px 16px' }}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('images.add')}
            </Button>
          </Empty>
        ) : (
          <Table<BotImage>
            rowKey="tag"
            columns={columns}
            dataSource={images.data ?? []}
            loading={images.isLoading}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>

      <AddImageModal
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(image) => {
          setAdding(false);
          if (image.status === 'building') {
            notify.info(t('images.buildStarted', { tag: image.tag }));
            setLogTag(image.tag);
          } else {
            notify.success(t('images.registered', { tag: image.tag }));
          }
        }}
      />
      <BuildLogDrawer
        tag={logTag}
        building={logImage?.status === 'building'}
        onClose={() => setLogTag(null)}
      />
    </Flex>
  );
}
