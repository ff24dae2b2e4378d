package web

// The fields of the registration form, labelled as in the manual (§3).

// SurnameField is the owner's surname.
func (p *RegisterPage) SurnameField() Field {
	return Field{ID: "surname", Name: "surname", Label: "Фамилия", Type: "text", Value: p.Form.Surname,
		Hint: "Фамилия, на которую зарегистрирован лицевой счет", Error: p.Errors["surname"],
		Autocomplete: "family-name", Required: true}
}

// PasswordField is the new password.
func (p *RegisterPage) PasswordField() Field { return newPasswordField(p.Errors["password"]) }

// ConfirmField repeats the new password.
func (p *RegisterPage) ConfirmField() Field { return confirmPasswordField(p.Errors["confirm"]) }

// newPasswordField is «Новый пароль» of every form that sets one. A
// password is never sent back to the browser, not even after an error.
func newPasswordField(errText string) Field {
	return Field{ID: "password", Name: "password", Label: "Новый пароль", Type: "password",
		Hint: "От 8 до 128 символов; придумайте сами, не используйте простые пароли", Error: errText,
		Autocomplete: "new-password", Required: true}
}

// confirmPasswordField is «Подтверждение пароля».
func confirmPasswordField(errText string) Field {
	return Field{ID: "confirm", Name: "confirm", Label: "Подтверждение пароля", Type: "password",
		Hint: "Введите пароль ещё раз", Error: errText, Autocomplete: "new-password", Required: true}
}

// EmailField is the address for the confirmation link and password recovery.
func (p *RegisterPage) EmailField() Field {
	return Field{ID: "email", Name: "email", Label: "Адрес e-mail", Type: "email", Value: p.Form.Email,
		Hint:  "На него придёт ссылка для подтверждения регистрации; он же нужен для восстановления пароля",
		Error: p.Errors["email"], Autocomplete: "email", InputMode: "email", Required: true}
}

// PhoneField is the phone, prefilled from the account's phone on file.
func (p *RegisterPage) PhoneField() Field {
	return Field{ID: "phone", Name: "phone", Label: "Номер телефона", Type: "tel", Value: p.Form.Phone,
		Hint: "Например, +7 (950) 123-45-67", Error: p.Errors["phone"], Autocomplete: "tel", InputMode: "tel", Required: true}
}

// ByChoice is how the registration is confirmed.
func (p *RegisterPage) ByChoice() Choice {
	return choice("by", "Выберите удобный для Вас способ подтверждения регистрации", p.Form.By, p.Errors["by"],
		Option{Value: "email", Label: "По электронной почте",
			Hint: "На указанный адрес придёт письмо со ссылкой для подтверждения."},
		Option{Value: "sms", Label: "По СМС",
			Hint: "На указанный номер придёт СМС с кодом подтверждения."})
}

// ConsentBox is the consent to the processing of personal data.
func (p *RegisterPage) ConsentBox() Checkbox {
	return Checkbox{ID: "consent", Name: "consent", Value: "yes",
		Label: "Подтверждаю свое согласие на обработку персональных данных",
		Error: p.Errors["consent"], Checked: p.Form.Consent, Required: true}
}
