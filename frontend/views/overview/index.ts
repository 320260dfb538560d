// The overview page, as exposed to the console (module `overview`).
import '../../styles.css';
export { OverviewPage } from './OverviewPage';
