import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';

import { NavMenu } from './NavMenu';

// The navigation of narrow screens, in a drawer from the left.
export function NavDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      placement="left"
      width={240}
      open={open}
      onClose={onClose}
      title={t('app.name')}
      styles={{ body: { padding: 0 } }}
    >
      <nav aria-label={t('nav.menu')}>
        <NavMenu onNavigate={onClose} />
      </nav>
    </Drawer>
  );
}
