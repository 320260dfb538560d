// The MetalLB tab of the Service page, as exposed to the console (module `serviceTab`).
import '../../styles.css';
export { ServiceTab } from './ServiceTab';
