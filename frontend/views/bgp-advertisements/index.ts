// The BGPAdvertisement pages, as exposed to the console (module `bgpAdvertisements`).
import '../../styles.css';
export { BGPAdListPage as ListPage } from './list';
export { BGPAdDetailsPage as DetailsPage } from './details';
export { BGPAdFormPage as FormPage } from './form';
export { bgpAdTemplate as yamlTemplate } from './template';
