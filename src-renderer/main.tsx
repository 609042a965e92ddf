import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useApp } from './stores/app';
import { wireEvents } from './stores/events';
import { useProfiles } from './stores/profiles';
import './styles/index.css';

// Events first, so nothing that happens while the first state loads is missed.
wireEvents();
void useApp.getState().load();
void useProfiles.getState().load();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
