import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';

import { BrandMark } from '@/components/BrandMark';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { isApiError } from '@/lib/apiClient';

import { LoginForm } from './components/LoginForm';
import { useLogin, useSession } from './hooks/useSession';

function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  const usable = typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login');
  return usable ? (from as string) : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const loginMutation = useLogin();
  const target = returnPath(location.state);

  if (session.isSuccess) {
    return <Navigate to={target} replace />;
  }

  const error = loginMutation.error;
  const errorMessage = error ? (isApiError(error) ? error.message : t('errors.generic')) : null;

  return (
    <Flex vertical align="center" justify="center" className="login-screen">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      {/* Plain markup rather than Card/Typography keeps the sign-in chunk small. */}
      <main className="login-card">
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <BrandMark size={40} />
          <h1 className="login-title">{t('app.name')}</h1>
          <p className="login-subtitle">{t('login.subtitle')}</p>
        </Flex>
        <LoginForm
          submitting={loginMutation.isPending}
          errorMessage={errorMessage}
          onSubmit={(password) =>
            loginMutation.mutate(password, {
              onSuccess: () => navigate(target, { replace: true }),
            })
          }
        />
      </main>
    </Flex>
  );
}
