import type { FeatureLocales } from '@/app/localeTypes';

export const alertsLocales: FeatureLocales = {
  en: {
    alerts: {
      title: 'Open alerts',
      history: 'Alert history',
      openedAt: 'opened {{when}}',
      loadFailed: 'Alerts could not be loaded: {{message}}',
      showingSome: 'Showing the newest {{shown}} of {{count}}.',
      severity: { info: 'Info', warning: 'Warning', error: 'Error', critical: 'Critical' },
      rules: {
        crash_loop: 'Crash loop',
        error_rate: 'High error rate',
        unreachable: 'Not running',
        token_budget: 'Token budget exceeded',
        storage_over_quota: 'Storage over quota',
        docker_unreachable: 'Docker unreachable',
        orphan_container: 'Orphan container',
      },
    },
  },
  'zh-CN': {
    alerts: {
      title: '未处理的告警',
      history: '告警历史',
      openedAt: '{{when}}触发',
      loadFailed: '无法加载告警：{{message}}',
      showingSome: '显示最新的 {{shown}} 条，共 {{count}} 条。',
      severity: { info: '信息', warning: '警告', error: '错误', critical: '严重' },
      rules: {
        crash_loop: '反复崩溃',
        error_rate: '错误率过高',
        unreachable: '未在运行',
        token_budget: '超出 Token 预算',
        storage_over_quota: '存储超出配额',
        docker_unreachable: 'Docker 无法连接',
        orphan_container: '孤立容器',
      },
    },
  },
};
