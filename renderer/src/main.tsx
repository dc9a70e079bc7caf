// First: must run before any module that constructs a zod schema.
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createTransportClient } from './transport';
import './styles/base.css';
import './styles/shell.css';
import './styles/content.css';
import './styles/forms.css';
import './styles/kit.css';
import './styles/fields.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App api={createTransportClient()} />
    </StrictMode>,
  );
}
