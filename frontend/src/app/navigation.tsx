import {
  AppstoreOutlined,
  BarChartOutlined,
  ContainerOutlined,
  HistoryOutlined,
  RobotOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface NavItem {
  path: string;
  labelKey: string;
  icon: ReactNode;
}

// The console's sections, in menu order. The bot pages (/bots/…) belong to "Bots".
export const kNavItems: NavItem[] = [
  { path: '/', labelKey: 'nav.fleet', icon: <RobotOutlined /> },
  { path: '/images', labelKey: 'nav.images', icon: <ContainerOutlined /> },
  { path: '/skills', labelKey: 'nav.skills', icon: <AppstoreOutlined /> },
  { path: '/usage', labelKey: 'nav.usage', icon: <BarChartOutlined /> },
  { path: '/events', labelKey: 'nav.events', icon: <HistoryOutlined /> },
  { path: '/settings', labelKey: 'nav.settings', icon: <SettingOutlined /> },
  { path: '/account', labelKey: 'nav.account', icon: <UserOutlined /> },
];

export function selectedNavPath(pathname: string): string {
  const match = kNavItems.find((item) => item.path !== '/' && pathname.startsWith(item.path));
  return match ? match.path : '/';
}
