import './styles/tokens.css';
import './styles/base.css';
import { bootstrap } from './app/bootstrap';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
bootstrap(container);
