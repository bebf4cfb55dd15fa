import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Input, List, Popconfirm, Row, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { notify } from '@/lib/notify';

import { installSkill, listInstalledSkills, listMarketSkills, removeSkill } from '../api/skillsApi';
import { TabError } from '../components/TabError';
import type { BotDetail } from '../types';

export function SkillsTab({ bot }: { bot: BotDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const installedKey = ['bots', 'skills', bot.id];
  const installed = useQuery({
    queryKey: installedKey,
    queryFn: ({ signal }) => listInstalledSkills(bot.id, signal),
    meta: { handlesErrors: true },
    retry: false,
  });
  const market = useQuery({
    queryKey: ['skills', 'market', search],
    queryFn: ({ signal }) => listMarketSkills(search, signal),
    meta: { handlesErrors: true },
    retry: false,
  });
  const install = useMutation({
    mutationFn: (skillKey: string) => installSkill(bot.id, skillKey),
    onSuccess: (skill) => {
      notify.success(t('bot.skills.installed', { name: skill.name }));
      void queryClient.invalidateQueries({ queryKey: installedKey });
    },
  });
  const remove = useMutation({
    mutationFn: (name: string) => removeSkill(bot.id, name),
    onSuccess: (_nothing, name) => {
      notify.success(t('bot.skills.removed', { name }));
      void queryClient.invalidateQueries({ queryKey: installedKey });
    },
  });

  if (installed.isError) {
    return <TabError error={installed.error} onRetry={() => void installed.refetch()} />;
  }
  const installedNames = new Set((installed.data?.skills ?? []).map((skill) => skill.name));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('bot.skills.installedTitle')}>
          {installed.isLoading ? <Spin style={{ display: 'block', margin: '24px auto' }} /> : null}
          {installed.data ? (
            <List
              data-testid="installed-skills"
              dataSource={installed.data.skills}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bot.skills.none')} /> }}
              renderItem={(skill) => (
                <List.Item
                  actions={[
                    <Popconfirm
                      key="remove"
                      title={t('bot.skills.removeConfirm', { name: skill.name })}
                      onConfirm={() => remove.mutate(skill.name)}
                    >
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('bot.skills.remove', { name: skill.name })}
                        loading={remove.isPending && remove.variables === skill.name}
                      />
                    </Popconfirm>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Flex gap={6} align="center" wrap>
                        <Typography.Text strong>{skill.name}</Typography.Text>
                        <Tag>{t(`bot.skills.source.${skill.source === 'market' ? 'market' : 'custom'}`)}</Tag>
                        {skill.modified ? <Tag color="orange">{t('bot.skills.modified')}</Tag> : null}
                      </Flex>
                    }
                    description={skill.description}
                  />
                </List.Item>
              )}
            />
          ) : null}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={t('bot.skills.marketTitle')}
          extra={
            <Input.Search
              allowClear
              size="small"
              placeholder={t('bot.skills.search')}
              aria-label={t('bot.skills.search')}
              onSearch={setSearch}
              style={{ width: 200 }}
            />
          }
        >
          {market.isError ? <TabError error={market.error} onRetry={() => void market.refetch()} /> : null}
          {market.isLoading ? <Spin style={{ display: 'block', margin: '24px auto' }} /> : null}
          {market.data ? (
            <List
              data-testid="market-skills"
              dataSource={market.data.skills}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bot.skills.marketEmpty')} /> }}
              renderItem={(item) => (
                <List.Item
                  actions={[
                    installedNames.has(item.skill_key) ? (
                      <Tag key="installed" color="success">
                        {t('bot.skills.isInstalled')}
                      </Tag>
                    ) : (
                      <Button
                        key="install"
                        size="small"
                        icon={<DownloadOutlined />}
                        loading={install.isPending && install.variables === item.skill_key}
                        onClick={() => install.mutate(item.skill_key)}
                      >
                        {t('bot.skills.install')}
                      </Button>
                    ),
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Flex gap={6} align="center" wrap>
                        <Typography.Text strong>{item.name}</Typography.Text>
                        <Tag>{item.category}</Tag>
                      </Flex>
                    }
                    description={item.description}
                  />
                </List.Item>
              )}
            />
          ) : null}
        </Card>
      </Col>
    </Row>
  );
}
