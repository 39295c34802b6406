/** Discord's documented limits, in one place (UTF-16 length is used, which never undercounts). */

/** Message `content`. */
export const CONTENT_MAX = 2000;
/** Embed title. */
export const EMBED_TITLE_MAX = 256;
/** Embed description. */
export const EMBED_DESCRIPTION_MAX = 4096;
/** Fields per embed. */
export const EMBED_FIELDS_MAX = 25;
/** Embed field name. */
export const EMBED_FIELD_NAME_MAX = 256;
/** Embed field value. */
export const EMBED_FIELD_VALUE_MAX = 1024;
/** Embed footer text. */
export const EMBED_FOOTER_MAX = 2048;
/** Characters across every embed of one message (title, description, field names and values, footer). */
export const EMBED_TOTAL_MAX = 6000;
/** Embeds per message. */
export const EMBEDS_PER_MESSAGE_MAX = 10;
/** Buttons per action row, and action rows per message. */
export const BUTTONS_PER_ROW_MAX = 5;
export const ACTION_ROWS_MAX = 5;
/** Button label and any component custom_id. */
export const BUTTON_LABEL_MAX = 80;
export const CUSTOM_ID_MAX = 100;
/** Modal title, text-input label and placeholder, text-input value; text inputs per modal. */
export const MODAL_TITLE_MAX = 45;
export const TEXT_INPUT_LABEL_MAX = 45;
export const TEXT_INPUT_PLACEHOLDER_MAX = 100;
export const TEXT_INPUT_VALUE_MAX = 4000;
export const MODAL_INPUTS_MAX = 5;
/** Autocomplete: choices per response, and the length of a choice's name and string value. */
export const AUTOCOMPLETE_CHOICES_MAX = 25;
export const CHOICE_NAME_MAX = 100;
export const CHOICE_VALUE_MAX = 100;

/** Application commands (registration). */
export const COMMAND_NAME_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 100;
export const COMMAND_OPTIONS_MAX = 25;
export const OPTION_CHOICES_MAX = 25;
/** Longest `max_length` a string option may declare. */
export const STRING_OPTION_MAX_LENGTH = 6000;
/** Sum of names, descriptions and choice names/values of one command. */
export const COMMAND_TOTAL_CHARS_MAX = 4000;
export const GLOBAL_CHAT_COMMANDS_MAX = 100;
export const MESSAGE_COMMANDS_MAX = 5;

/** Messages our own rendering sends for one reply (the first answers the interaction, the rest are follow-ups). */
export const MESSAGES_PER_REPLY_MAX = 5;
/** Discord wants an answer within 3 s; anything not ready by then is deferred (type 5) and finished by webhook. */
export const DEFER_AFTER_MS = 1500;
