// The IPAddressPool pages, as exposed to the console (module `pools`).
import '../../styles.css';
export { PoolListPage as ListPage } from './list';
export { PoolDetailsPage as DetailsPage } from './details';
export { PoolFormPage as FormPage } from './form';
export { poolTemplate as yamlTemplate } from './template';
