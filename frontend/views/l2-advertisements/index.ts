// The L2Advertisement pages, as exposed to the console (module `l2Advertisements`).
import '../../styles.css';
export { L2ListPage as ListPage } from './list';
export { L2DetailsPage as DetailsPage } from './details';
export { L2FormPage as FormPage } from './form';
export { l2Template as yamlTemplate } from './template';
