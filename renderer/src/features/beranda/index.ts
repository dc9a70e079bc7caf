/** Beranda (issue 13 item 4): the first screen, saying what needs doing now. */
import './beranda.css';

export { BerandaScreen } from './beranda-screen';
