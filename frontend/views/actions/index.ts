export { useMetalLBActions } from './use-metallb-actions';
