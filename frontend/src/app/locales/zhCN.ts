import type { Messages } from './en';

export const zhCN: Messages = {
  app: {
    name: 'Dashboard Nanobot',
    signOut: '退出登录',
    language: '语言',
    loading: '加载中…',
    retry: '重试',
    notFound: '页面不存在。',
    backHome: '返回机器人列表',
    loadFailed: '页面加载失败。',
    live: {
      open: '实时',
      connecting: '连接中…',
      reconnecting: '重新连接中…',
      offline: '实时更新已断开',
      idle: '实时',
      reconnect: '重新连接',
    },
  },
  login: {
    title: '登录',
    subtitle: 'nanobot 机器人集群控制台',
    password: '密码',
    passwordRequired: '请输入管理员密码。',
    submit: '登录',
  },
  state: {
    stopped: '已停止',
    starting: '启动中',
    ready: '就绪',
    busy: '忙碌',
    degraded: '异常',
    error: '错误',
    unknown: '未知',
  },
  errors: {
    generic: '出错了。',
  },
};
