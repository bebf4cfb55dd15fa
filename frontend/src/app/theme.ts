import type { ThemeConfig } from 'antd';

export const kTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1677ff',
    borderRadius: 8,
    fontFamily: [
      '-apple-system',
      'BlinkMacSystemFont',
      "'Segoe UI'",
      'Roboto',
      "'Helvetica Neue'",
      'Arial',
      "'Noto Sans'",
      "'PingFang SC'",
      "'Microsoft YaHei'",
      'sans-serif',
    ].join(', '),
  },
  components: {
    Layout: { headerBg: '#0f1b2d', headerHeight: 56, headerPadding: '0 24px', bodyBg: '#f4f6f9' },
  },
};
