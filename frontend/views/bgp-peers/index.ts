// The BGPPeer pages, as exposed to the console (module `bgpPeers`).
import '../../styles.css';
export { PeerListPage as ListPage } from './list';
export { PeerDetailsPage as DetailsPage } from './details';
export { PeerFormPage as FormPage } from './form';
export { peerTemplate as yamlTemplate } from './template';
