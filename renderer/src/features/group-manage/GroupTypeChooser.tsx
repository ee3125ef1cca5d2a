import { useTranslation } from 'react-i18next';
import { GROUP_TYPES, type GroupType } from '../../../../shared/domain';
import { GroupTypeIcon } from './groupIcons';

/** G1: the five types as radio cards, each explained in one line, so the choice is made knowing the rules. */
export function GroupTypeChooser({ value, onChange }: { value: GroupType; onChange: (type: GroupType) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="type-chooser">
      <legend className="field__label">{t('createGroup.type')}</legend>
      {GROUP_TYPES.map((type) => (
        <label key={type} className={`type-choice ${value === type ? 'type-choice--on' : ''}`}>
          <input type="radio" name="group-type" value={type} checked={value === type} onChange={() => onChange(type)} />
          <span className={`type-choice__icon group-type--${type}`}>
            <GroupTypeIcon type={type} />
          </span>
          <span className="type-choice__text">
            <span className="type-choice__title">{t(`groupTypes.${type}`)}</span>
            <span className="type-choice__body">{t(`groupTypeHints.${type}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
