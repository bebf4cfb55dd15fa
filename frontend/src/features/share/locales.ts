import type { FeatureLocales } from '@/app/localeTypes';

export const shareLocales: FeatureLocales = {
  en: {
    share: {
      title: 'Chat with {{name}}',
      locked: 'This bot is protected by a password',
      lockedHint: 'Enter the access password you were given to chat with this bot.',
      password: 'Access password',
      passwordRequired: 'Enter the access password.',
      enter: 'Open chat',
      leave: 'Leave',
      notRunning: 'The bot is not running right now. Ask its operator to start it.',
    },
  },
  'zh-CN': {
    share: {
      title: '与 {{name}} 对话',
      locked: '此机器人受密码保护',
      lockedHint: '输入你获得的访问密码即可与该机器人对话。',
      password: '访问密码',
      passwordRequired: '请输入访问密码。',
      enter: '进入对话',
      leave: '离开',
      notRunning: '该机器人当前未运行，请联系其管理员启动。',
    },
  },
};
