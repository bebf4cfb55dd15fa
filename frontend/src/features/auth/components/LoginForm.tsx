import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

interface LoginFormProps {
  onSubmit: (password: string) => void;
  submitting: boolean;
  errorMessage?: string | null;
}

export function LoginForm({ onSubmit, submitting, errorMessage }: LoginFormProps) {
  const { t } = useTranslation();

  return (
    <Form
      layout="vertical"
      requiredMark={false}
      onFinish={(values: { password: string }) => onSubmit(values.password)}
    >
      {errorMessage ? (
        <Alert type="error" showIcon message={errorMessage} style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item
        label={t('login.password')}
        name="password"
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password
          prefix={<LockOutlined />}
          autoComplete="current-password"
          autoFocus
          size="large"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
