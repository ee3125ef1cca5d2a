/**
 * G5: a group tip ("Alice joined the group") or a system notification, as a centred system line rather than
 * a bubble: nobody wrote it, so it has no sender, no actions and no time of its own beyond the day above.
 */
export function GroupTipElement({ text }: { text: string }) {
  return (
    <p className="group-tip" role="note">
      <span className="group-tip__text">{text}</span>
    </p>
  );
}
