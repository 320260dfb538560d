// The MetalLB instance pages, as exposed to the console (module `metallb`).
import '../../styles.css';
export { MetalLBListPage as ListPage } from './list';
export { MetalLBDetailsPage as DetailsPage } from './details';
export { MetalLBFormPage as FormPage } from './form';
export { metallbTemplate as yamlTemplate } from './template';
