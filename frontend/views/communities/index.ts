// The Community pages, as exposed to the console (module `communities`).
import '../../styles.css';
export { CommunityListPage as ListPage } from './list';
export { CommunityDetailsPage as DetailsPage } from './details';
export { CommunityFormPage as FormPage } from './form';
export { communityTemplate as yamlTemplate } from './template';
