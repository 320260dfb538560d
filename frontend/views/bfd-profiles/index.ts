// The BFDProfile pages, as exposed to the console (module `bfdProfiles`).
import '../../styles.css';
export { BFDListPage as ListPage } from './list';
export { BFDDetailsPage as DetailsPage } from './details';
export { BFDFormPage as FormPage } from './form';
export { bfdTemplate as yamlTemplate } from './template';
