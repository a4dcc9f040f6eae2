/**
 * Every text the workload panel and the supervisor view (Team*) show, from Custom Labels (OmniKit_*) so admins can translate them.
 * Placeholders {0}, {1} are filled by formatLabel().
 */
import Title from '@salesforce/label/c.OmniKit_Title';
import Loading from '@salesforce/label/c.OmniKit_Loading';
import BridgeMissing from '@salesforce/label/c.OmniKit_BridgeMissing';
import ConnectionError from '@salesforce/label/c.OmniKit_ConnectionError';
import Retry from '@salesforce/label/c.OmniKit_Retry';
import LoggedOut from '@salesforce/label/c.OmniKit_LoggedOut';
import Offline from '@salesforce/label/c.OmniKit_Offline';
import Status from '@salesforce/label/c.OmniKit_Status';
import ChooseStatus from '@salesforce/label/c.OmniKit_ChooseStatus';
import LogOut from '@salesforce/label/c.OmniKit_LogOut';
import InStatusFor from '@salesforce/label/c.OmniKit_InStatusFor';
import NoChannels from '@salesforce/label/c.OmniKit_NoChannels';
import Capacity from '@salesforce/label/c.OmniKit_Capacity';
import CapacityUsed from '@salesforce/label/c.OmniKit_CapacityUsed';
import AtCapacity from '@salesforce/label/c.OmniKit_AtCapacity';
import Interruptible from '@salesforce/label/c.OmniKit_Interruptible';
import NoWork from '@salesforce/label/c.OmniKit_NoWork';
import Accept from '@salesforce/label/c.OmniKit_Accept';
import Decline from '@salesforce/label/c.OmniKit_Decline';
import ConfirmDecline from '@salesforce/label/c.OmniKit_ConfirmDecline';
import Cancel from '@salesforce/label/c.OmniKit_Cancel';
import Close from '@salesforce/label/c.OmniKit_Close';
import DeclineReason from '@salesforce/label/c.OmniKit_DeclineReason';
import NoReason from '@salesforce/label/c.OmniKit_NoReason';
import RaiseFlag from '@salesforce/label/c.OmniKit_RaiseFlag';
import LowerFlag from '@salesforce/label/c.OmniKit_LowerFlag';
import FlagMessage from '@salesforce/label/c.OmniKit_FlagMessage';
import SendFlag from '@salesforce/label/c.OmniKit_SendFlag';
import FlaggedBySupervisor from '@salesforce/label/c.OmniKit_FlaggedBySupervisor';
import FlaggedByAgent from '@salesforce/label/c.OmniKit_FlaggedByAgent';
import FlagLoweredBySupervisor from '@salesforce/label/c.OmniKit_FlagLoweredBySupervisor';
import Assigned from '@salesforce/label/c.OmniKit_Assigned';
import Accepted from '@salesforce/label/c.OmniKit_Accepted';
import AssignedFor from '@salesforce/label/c.OmniKit_AssignedFor';
import AcceptedFor from '@salesforce/label/c.OmniKit_AcceptedFor';
import AssignedEarlier from '@salesforce/label/c.OmniKit_AssignedEarlier';
import AcceptedEarlier from '@salesforce/label/c.OmniKit_AcceptedEarlier';
import NoAccess from '@salesforce/label/c.OmniKit_NoAccess';
import LoadingDetails from '@salesforce/label/c.OmniKit_LoadingDetails';
import NewWork from '@salesforce/label/c.OmniKit_NewWork';
import ActionFailed from '@salesforce/label/c.OmniKit_ActionFailed';
import ActionAccept from '@salesforce/label/c.OmniKit_ActionAccept';
import ActionDecline from '@salesforce/label/c.OmniKit_ActionDecline';
import ActionClose from '@salesforce/label/c.OmniKit_ActionClose';
import ActionRaiseFlag from '@salesforce/label/c.OmniKit_ActionRaiseFlag';
import ActionLowerFlag from '@salesforce/label/c.OmniKit_ActionLowerFlag';
import ActionStatus from '@salesforce/label/c.OmniKit_ActionStatus';
import ActionLogOut from '@salesforce/label/c.OmniKit_ActionLogOut';
import UtilityLabel from '@salesforce/label/c.OmniKit_UtilityLabel';
import WorksCount from '@salesforce/label/c.OmniKit_WorksCount';
import Warning from '@salesforce/label/c.OmniKit_Warning';
import Joined from '@salesforce/label/c.OmniKit_Joined';
import FlagWithMessage from '@salesforce/label/c.OmniKit_FlagWithMessage';
import Engaged from '@salesforce/label/c.OmniKit_Engaged';
import NotEngaged from '@salesforce/label/c.OmniKit_NotEngaged';
import ChannelCase from '@salesforce/label/c.OmniKit_ChannelCase';
import ChannelChat from '@salesforce/label/c.OmniKit_ChannelChat';
import ChannelMessaging from '@salesforce/label/c.OmniKit_ChannelMessaging';
import ChannelVoice from '@salesforce/label/c.OmniKit_ChannelVoice';
import StatusChannels from '@salesforce/label/c.OmniKit_StatusChannels';
import LogoutDuplicateLogin from '@salesforce/label/c.OmniKit_LogoutDuplicateLogin';
import LogoutDuplicateLoginInSameBrowser from '@salesforce/label/c.OmniKit_LogoutDuplicateLoginInSameBrowser';
import LogoutMaintenance from '@salesforce/label/c.OmniKit_LogoutMaintenance';
import LogoutSupervisor from '@salesforce/label/c.OmniKit_LogoutSupervisor';
import ErrorTimeout from '@salesforce/label/c.OmniKit_ErrorTimeout';
import ErrorBridgeGone from '@salesforce/label/c.OmniKit_ErrorBridgeGone';
import ErrorRejected from '@salesforce/label/c.OmniKit_ErrorRejected';
import ErrorArgument from '@salesforce/label/c.OmniKit_ErrorArgument';
import StatusesFailed from '@salesforce/label/c.OmniKit_StatusesFailed';
import DeclineSettingsFailed from '@salesforce/label/c.OmniKit_DeclineSettingsFailed';
import NoStatuses from '@salesforce/label/c.OmniKit_NoStatuses';
import NewWorkWaiting from '@salesforce/label/c.OmniKit_NewWorkWaiting';
import EnableNotifications from '@salesforce/label/c.OmniKit_EnableNotifications';
import NotificationsBlocked from '@salesforce/label/c.OmniKit_NotificationsBlocked';
import AnnounceAccepted from '@salesforce/label/c.OmniKit_AnnounceAccepted';
import AnnounceDeclined from '@salesforce/label/c.OmniKit_AnnounceDeclined';
import AnnounceClosed from '@salesforce/label/c.OmniKit_AnnounceClosed';
import AnnounceFlagRaised from '@salesforce/label/c.OmniKit_AnnounceFlagRaised';
import AnnounceFlagLowered from '@salesforce/label/c.OmniKit_AnnounceFlagLowered';
import AnnounceStatus from '@salesforce/label/c.OmniKit_AnnounceStatus';
import ActionRefresh from '@salesforce/label/c.OmniKit_ActionRefresh';
import TeamTitle from '@salesforce/label/c.OmniKit_TeamTitle';
import TeamLoading from '@salesforce/label/c.OmniKit_TeamLoading';
import TeamError from '@salesforce/label/c.OmniKit_TeamError';
import TeamErrorHelp from '@salesforce/label/c.OmniKit_TeamErrorHelp';
import TeamStale from '@salesforce/label/c.OmniKit_TeamStale';
import TeamRetry from '@salesforce/label/c.OmniKit_TeamRetry';
import TeamEmpty from '@salesforce/label/c.OmniKit_TeamEmpty';
import TeamQueue from '@salesforce/label/c.OmniKit_TeamQueue';
import TeamAllQueues from '@salesforce/label/c.OmniKit_TeamAllQueues';
import TeamFilterUnknown from '@salesforce/label/c.OmniKit_TeamFilterUnknown';
import TeamSortBy from '@salesforce/label/c.OmniKit_TeamSortBy';
import TeamSortLoad from '@salesforce/label/c.OmniKit_TeamSortLoad';
import TeamSortName from '@salesforce/label/c.OmniKit_TeamSortName';
import TeamSortWaiting from '@salesforce/label/c.OmniKit_TeamSortWaiting';
import TeamSummary from '@salesforce/label/c.OmniKit_TeamSummary';
import TeamBacklog from '@salesforce/label/c.OmniKit_TeamBacklog';
import TeamQueueWaiting from '@salesforce/label/c.OmniKit_TeamQueueWaiting';
import TeamQueueNothing from '@salesforce/label/c.OmniKit_TeamQueueNothing';
import TeamAgents from '@salesforce/label/c.OmniKit_TeamAgents';
import TeamOffline from '@salesforce/label/c.OmniKit_TeamOffline';
import TeamAway from '@salesforce/label/c.OmniKit_TeamAway';
import TeamStatusFor from '@salesforce/label/c.OmniKit_TeamStatusFor';
import TeamLoadOf from '@salesforce/label/c.OmniKit_TeamLoadOf';
import TeamLoadUsed from '@salesforce/label/c.OmniKit_TeamLoadUsed';
import TeamLoadUnknown from '@salesforce/label/c.OmniKit_TeamLoadUnknown';
import TeamAtCapacity from '@salesforce/label/c.OmniKit_TeamAtCapacity';
import TeamNoWork from '@salesforce/label/c.OmniKit_TeamNoWork';
import TeamWorkWaiting from '@salesforce/label/c.OmniKit_TeamWorkWaiting';
import TeamWorkAccepted from '@salesforce/label/c.OmniKit_TeamWorkAccepted';
import TeamWorkAssigned from '@salesforce/label/c.OmniKit_TeamWorkAssigned';
import TeamWorksOf from '@salesforce/label/c.OmniKit_TeamWorksOf';

export const LABELS = {
    Title,
    Loading,
    BridgeMissing,
    ConnectionError,
    Retry,
    LoggedOut,
    Offline,
    Status,
    ChooseStatus,
    LogOut,
    InStatusFor,
    NoChannels,
    Capacity,
    CapacityUsed,
    AtCapacity,
    Interruptible,
    NoWork,
    Accept,
    Decline,
    ConfirmDecline,
    Cancel,
    Close,
    DeclineReason,
    NoReason,
    RaiseFlag,
    LowerFlag,
    FlagMessage,
    SendFlag,
    FlaggedBySupervisor,
    FlaggedByAgent,
    FlagLoweredBySupervisor,
    Assigned,
    Accepted,
    AssignedFor,
    AcceptedFor,
    AssignedEarlier,
    AcceptedEarlier,
    NoAccess,
    LoadingDetails,
    NewWork,
    ActionFailed,
    ActionAccept,
    ActionDecline,
    ActionClose,
    ActionRaiseFlag,
    ActionLowerFlag,
    ActionStatus,
    ActionLogOut,
    UtilityLabel,
    WorksCount,
    Warning,
    Joined,
    FlagWithMessage,
    Engaged,
    NotEngaged,
    ChannelCase,
    ChannelChat,
    ChannelMessaging,
    ChannelVoice,
    StatusChannels,
    LogoutDuplicateLogin,
    LogoutDuplicateLoginInSameBrowser,
    LogoutMaintenance,
    LogoutSupervisor,
    ErrorTimeout,
    ErrorBridgeGone,
    ErrorRejected,
    ErrorArgument,
    StatusesFailed,
    DeclineSettingsFailed,
    NoStatuses,
    NewWorkWaiting,
    EnableNotifications,
    NotificationsBlocked,
    AnnounceAccepted,
    AnnounceDeclined,
    AnnounceClosed,
    AnnounceFlagRaised,
    AnnounceFlagLowered,
    AnnounceStatus,
    ActionRefresh,
    TeamTitle,
    TeamLoading,
    TeamError,
    TeamErrorHelp,
    TeamStale,
    TeamRetry,
    TeamEmpty,
    TeamQueue,
    TeamAllQueues,
    TeamFilterUnknown,
    TeamSortBy,
    TeamSortLoad,
    TeamSortName,
    TeamSortWaiting,
    TeamSummary,
    TeamBacklog,
    TeamQueueWaiting,
    TeamQueueNothing,
    TeamAgents,
    TeamOffline,
    TeamAway,
    TeamStatusFor,
    TeamLoadOf,
    TeamLoadUsed,
    TeamLoadUnknown,
    TeamAtCapacity,
    TeamNoWork,
    TeamWorkWaiting,
    TeamWorkAccepted,
    TeamWorkAssigned,
    TeamWorksOf
};

export type LabelName = keyof typeof LABELS;

/** Fills {0}, {1}... in a label (String.format style, as Salesforce labels use). */
export function formatLabel(label: string, ...values: Array<string | number>): string {
    return label.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < values.length ? String(values[Number(index)]) : match));
}

/** Elapsed time as a rep reads it: 42 s -> "0:42", 725 s -> "12:05", 3723 s -> "1:02:03". */
export function formatDuration(ms: number): string {
    const total = Math.max(0, Math.floor(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = String(total % 60).padStart(2, '0');
    return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
