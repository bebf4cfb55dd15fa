import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { notify } from '@/lib/notify';

import { changePassword } from '../api/accountApi';

interface Values {
  current: string;
  next: string;
  confirm: string;
}

export function PasswordForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (values: Values) => changePassword(values.current, values.next),
    meta: { handlesErrors: true },
    onSuccess: () => {
      form.resetFields();
      notify.success(t('account.password.changed'));
    },
  });

  return (
    <Card title={t('account.password.title')}>
      <Typography.Paragraph type="secondary">{t('account.password.hint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 420 }}
        onFinish={(values) => change.mutate(values)}
      >
        {change.isError ? (
          <Alert type="error" showIcon message={change.error.message} style={{ marginBottom: 16 }} />
        ) : null}
        <Form.Item
          label={t('account.password.current')}
          name="current"
          rules={[{ required: true, message: t('account.password.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('account.password.next')}
          name="next"
          rules={[
            { required: true, message: t('account.password.required') },
            { min: 8, message: t('account.password.tooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('account.password.confirm')}
          name="confirm"
          dependencies={['next']}
          rules={[
            { required: true, message: t('account.password.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || value === getFieldValue('next')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('account.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
