// The BGPPeer form.
import type { FC } from 'react';
import type { BGPPeer } from '../../../api/types';
import { NameField, NodeSelectorField } from '../../forms/common-fields';
import { CheckboxField, SelectField, TextField } from '../../forms/fields';
import type { FieldsProps, FormSpec } from '../../forms/form-spec';
import { RoutedFormPage } from '../../forms/RoutedFormPage';
import { useMetalLBTranslation } from '../../i18n';
import { BGPPeerModel } from '../../models';
import { emptyPeer, peerFromObject, peerToObject, type PeerFormValues } from './convert';
import { peerTemplate } from './template';

type TextKey =
  | 'myASN'
  | 'peerASN'
  | 'peerAddress'
  | 'peerPort'
  | 'sourceAddress'
  | 'routerID'
  | 'holdTime'
  | 'keepaliveTime'
  | 'vrf'
  | 'passwordSecret';

const PeerFields: FC<FieldsProps<PeerFormValues>> = (props) => {
  const { values, set, messages, config } = props;
  const { t } = useMetalLBTranslation();
  const text = (key: TextKey, label: string, hint?: string, placeholder?: string, path = `spec.${key}`) => (
    <TextField
      id={path}
      label={label}
      value={values[key]}
      onChange={(v) => set({ [key]: v } as Partial<PeerFormValues>)}
      messages={messages(path)}
      {...(hint ? { hint } : {})}
      {...(placeholder ? { placeholder } : {})}
    />
  );
  const profiles = (config.bfdProfiles ?? []).map((p) => p.metadata.name ?? '');
  if (values.bfdProfile && !profiles.includes(values.bfdProfile)) profiles.push(values.bfdProfile);
  return (
    <>
      <NameField {...props} />
      {text('myASN', t('Local ASN'), undefined, '64500')}
      {text('peerASN', t('Peer ASN'), undefined, '64501')}
      <SelectField
        id="spec.dynamicASN"
        label={t('Dynamic peer ASN')}
        value={values.dynamicASN}
        options={[
          { value: '', label: t('Not used') },
          { value: 'internal', label: t('internal (iBGP)') },
          { value: 'external', label: t('external (eBGP)') },
        ]}
        onChange={(v) => set({ dynamicASN: v as PeerFormValues['dynamicASN'] })}
        messages={messages('spec.dynamicASN')}
      />
      {text('peerAddress', t('Peer address'), undefined, '10.0.0.1')}
      {text('peerPort', t('Peer port'), undefined, '179')}
      {text('sourceAddress', t('Source address'))}
      {text('routerID', t('Router ID'))}
      {text('holdTime', t('Hold time'), t('A duration such as 90s.'))}
      {text('keepaliveTime', t('Keepalive time'), t('A duration such as 30s.'))}
      <SelectField
        id="spec.bfdProfile"
        label={t('BFD profile')}
        value={values.bfdProfile}
        options={[{ value: '', label: t('None') }, ...profiles.map((p) => ({ value: p, label: p }))]}
        onChange={(bfdProfile) => set({ bfdProfile })}
        messages={messages('spec.bfdProfile')}
      />
      <CheckboxField
        id="spec.ebgpMultiHop"
        label={t('eBGP multi-hop')}
        checked={values.ebgpMultiHop}
        onChange={(ebgpMultiHop) => set({ ebgpMultiHop })}
        messages={messages('spec.ebgpMultiHop')}
      />
      <CheckboxField
        id="spec.enableGracefulRestart"
        label={t('Graceful restart')}
        description={t('Cannot be changed after creation.')}
        checked={values.enableGracefulRestart}
        onChange={(enableGracefulRestart) => set({ enableGracefulRestart })}
        messages={messages('spec.enableGracefulRestart')}
      />
      {text('vrf', t('VRF'))}
      {text(
        'passwordSecret',
        t('Password secret'),
        t('A kubernetes.io/basic-auth Secret in this namespace.'),
        undefined,
        'spec.passwordSecret',
      )}
      <NodeSelectorField
        {...props}
        hint={t('Only nodes with these labels open this session (all when empty).')}
      />
    </>
  );
};

export const peerFormSpec: FormSpec<PeerFormValues, BGPPeer> = {
  model: BGPPeerModel,
  empty: emptyPeer,
  fromObject: peerFromObject,
  toObject: peerToObject,
  fields: () => [
    ['metadata.name', 'name'],
    ['spec.myASN', 'myASN'],
    ['spec.peerASN', 'peerASN'],
    ['spec.dynamicASN', 'dynamicASN'],
    ['spec.peerAddress', 'peerAddress'],
    ['spec.peerPort', 'peerPort'],
    ['spec.sourceAddress', 'sourceAddress'],
    ['spec.routerID', 'routerID'],
    ['spec.holdTime', 'holdTime'],
    ['spec.keepaliveTime', 'keepaliveTime'],
    ['spec.bfdProfile', 'bfdProfile'],
    ['spec.ebgpMultiHop', 'ebgpMultiHop'],
    ['spec.enableGracefulRestart', 'enableGracefulRestart'],
    ['spec.vrf', 'vrf'],
    ['spec.passwordSecret', 'passwordSecret'],
    ['spec.nodeSelectors', 'nodeSelector'],
  ],
  Fields: PeerFields,
  yamlTemplate: peerTemplate,
};

export const PeerFormPage: FC = () => <RoutedFormPage spec={peerFormSpec} />;
