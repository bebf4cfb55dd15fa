import { SaveOutlined } from '@ant-design/icons';
import { Button, Card, Form, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useReportUnsaved } from '../../hooks/unsavedChanges';

interface SectionFormProps<Values> {
  title: ReactNode;
  source: string;
  initialValues: Values;
  saving: boolean;
  // Resolves when the server stored the change; the form is clean again only then.
  onSave: (values: Values, form: FormInstance<Values>) => Promise<unknown>;
  extra?: ReactNode;
  children: ReactNode;
}

// One card of the structured config editor: its own form, its own Save, and a report to the
// unsaved-changes guard while it differs from what was loaded.
export function SectionForm<Values extends object>(props: SectionFormProps<Values>) {
  const { title, source, initialValues, saving, onSave, extra, children } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  useReportUnsaved(source, dirty);

  // New values from the server (after a save anywhere) replace the form unless it has edits.
  // Compared as JSON so a new but equal object does not reset the form.
  const serialized = JSON.stringify(initialValues);
  useEffect(() => {
    if (!dirty) form.setFieldsValue(JSON.parse(serialized) as never);
  }, [serialized, dirty, form]);

  return (
    <Card size="small" title={title} extra={extra} data-testid={`config-section-${source}`}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={() => setDirty(true)}
        onFinish={(values) => {
          onSave(values, form).then(
            () => setDirty(false),
            () => undefined, // the section shows the server's message; the edits stay
          );
        }}
      >
        {children}
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} disabled={!dirty}>
          {t('bot.save')}
        </Button>
      </Form>
    </Card>
  );
}
