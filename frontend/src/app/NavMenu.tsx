import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

import { kNavItems, selectedNavPath } from './navigation';

// Plain links rather than antd's Menu: the shell is on every first screen, and a list of seven
// links needs none of a menu component's weight.
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const selected = selectedNavPath(pathname);
  return (
    <ul className="app-nav">
      {kNavItems.map((item) => (
        <li key={item.path}>
          <Link
            to={item.path}
            onClick={onNavigate}
            className={item.path === selected ? 'app-nav-item app-nav-item--active' : 'app-nav-item'}
            aria-current={item.path === selected ? 'page' : undefined}
          >
            <span aria-hidden="true">{item.icon}</span>
            <span>{t(item.labelKey)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
