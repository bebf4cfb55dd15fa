import type { FeatureLocales } from '@/app/localeTypes';

export const settingsLocales: FeatureLocales = {
  en: {
    settings: {
      title: 'Settings',
      subtitle: 'Fleet-wide settings. A saved value is used from the next request on.',
      empty: 'The server lists no settings.',
      public: 'Public',
      publicHint: 'Readable without signing in (e.g. by the sign-in page).',
      saved: 'Saved {{key}}',
      reset: 'Undo',
      invalidJson: 'Not valid JSON: {{message}}',
      invalidNumber: 'Enter a number.',
      range: 'Between {{min}} and {{max}}',
      prices: {
        model: 'Model',
        addRow: 'Add model',
        remove: 'Remove',
        rawJson: 'Edit as JSON',
        table: 'Edit as table',
        duplicate: 'Model “{{model}}” is listed twice.',
        emptyModel: 'Every row needs a model name.',
      },
      search: 'Find a setting',
    },
  },
  'zh-CN': {
    settings: {
      title: '设置',
      subtitle: '全局设置。保存后从下一个请求起生效。',
      empty: '服务器没有可显示的设置。',
      public: '公开',
      publicHint: '无需登录即可读取（例如登录页使用）。',
      saved: '已保存 {{key}}',
      reset: '撤销',
      invalidJson: 'JSON 无效：{{message}}',
      invalidNumber: '请输入数字。',
      range: '范围 {{min}} 到 {{max}}',
      prices: {
        model: '模型',
        addRow: '添加模型',
        remove: '删除',
        rawJson: '以 JSON 编辑',
        table: '以表格编辑',
        duplicate: '模型“{{model}}”重复。',
        emptyModel: '每一行都需要模型名。',
      },
      search: '查找设置',
    },
  },
};
