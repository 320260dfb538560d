// The topology page, as exposed to the console (module `topology`).
import '../../styles.css';
export { TopologyPage } from './TopologyPage';
