import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Drawer, Empty, Flex, Input, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { isMissingApi, NotAvailable } from '@/components/NotAvailable';
import { MarkdownView } from '@/features/chat/components/MarkdownView';

import { getSkill, listSkills, type Skill } from './api/skillsApi';
import { InstallSkillModal } from './components/InstallSkillModal';
import { SkillFormModal } from './components/SkillFormModal';

function SkillDetail({ skill, onClose }: { skill: Skill | null; onClose: () => void }) {
  const detail = useQuery({
    queryKey: ['skills', 'detail', skill?.id],
    queryFn: ({ signal }) => getSkill(skill?.id ?? 0, signal),
    enabled: skill !== null,
  });
  return (
    <Drawer open={skill !== null} onClose={onClose} width={720} title={skill?.name}>
      {detail.isLoading ? <Skeleton active /> : null}
      {detail.data?.skill_md ? <MarkdownView source={detail.data.skill_md} /> : null}
    </Drawer>
  );
}

export function SkillsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const deferredQ = useDeferredValue(q);
  const [viewing, setViewing] = useState<Skill | null>(null);
  const [installing, setInstalling] = useState<Skill | null>(null);
  const [editing, setEditing] = useState<Skill | null | undefined>(undefined);

  const skills = useQuery({
    queryKey: ['skills', 'list', deferredQ, category],
    queryFn: ({ signal }) => listSkills(deferredQ, category, signal),
    placeholderData: keepPreviousData,
    meta: { handlesErrors: true },
    retry: false,
  });

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  let body;
  if (skills.isError && isMissingApi(skills.error)) {
    body = <NotAvailable />;
  } else if (skills.isError && !skills.data) {
    body = (
      <Alert
        type="error"
        showIcon
        message={skills.error.message}
        action={<Button onClick={() => void skills.refetch()}>{t('app.retry')}</Button>}
      />
    );
  } else if (skills.isLoading) {
    body = <Skeleton active paragraph={{ rows: 6 }} />;
  } else if ((skills.data?.skills ?? []).length === 0) {
    body = (
      <Card>
        <Empty description={t('skills.empty')} />
      </Card>
    );
  } else {
    body = (
      <Row gutter={[16, 16]}>
        {(skills.data?.skills ?? []).map((skill) => (
          <Col key={skill.id} xs={24} md={12} xl={8}>
            <Card
              data-testid="skill-card"
              title={skill.name}
              extra={<Tag>{skill.category}</Tag>}
              style={{ height: '100%' }}
              actions={[
                <Button key="view" type="link" onClick={() => setViewing(skill)}>
                  {t('skills.view')}
                </Button>,
                <Button key="install" type="link" icon={<DownloadOutlined />} onClick={() => setInstalling(skill)}>
                  {t('skills.install')}
                </Button>,
                <Button key="edit" type="link" icon={<EditOutlined />} aria-label={`${t('skills.edit')} ${skill.name}`} onClick={() => setEditing(skill)} />,
              ]}
            >
              <Typography.Paragraph ellipsis={{ rows: 3 }}>{skill.description}</Typography.Paragraph>
              <Space size={4} wrap>
                <Typography.Text code>{skill.skill_key}</Typography.Text>
                {skill.version ? <Tag>v{skill.version}</Tag> : null}
                {skill.is_builtin ? <Tag color="blue">{t('skills.builtin')}</Tag> : null}
                {skill.author ? (
                  <Typography.Text type="secondary">{t('skills.by', { author: skill.author })}</Typography.Text>
                ) : null}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    );
  }

  return (
    <Flex vertical gap={16}>
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('skills.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('skills.subtitle')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t('skills.publish')}
        </Button>
      </div>
      <div className="toolbar">
        <Input.Search
          allowClear
          value={q}
          onChange={(event) => setParam('q', event.target.value)}
          placeholder={t('skills.search')}
          aria-label={t('skills.search')}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <Select
          allowClear
          aria-label={t('skills.category')}
          placeholder={t('skills.allCategories')}
          value={category || undefined}
          onChange={(value?: string) => setParam('category', value)}
          options={(skills.data?.categories ?? []).map((value) => ({ value, label: value }))}
          style={{ width: 200 }}
        />
      </div>
      {body}
      <SkillDetail skill={viewing} onClose={() => setViewing(null)} />
      <InstallSkillModal skill={installing} onClose={() => setInstalling(null)} />
      <SkillFormModal open={editing !== undefined} skill={editing ?? null} onClose={() => setEditing(undefined)} />
    </Flex>
  );
}
